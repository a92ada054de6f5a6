namespace BillingOrchestrator.Evidence.Store;

/// <summary>Why an evidence file was refused.</summary>
public enum EvidenceRejection
{
    /// <summary>The content is longer than the limit the caller set.</summary>
    TooLarge,

    /// <summary>The content has no bytes.</summary>
    Empty,

    /// <summary>The extension, or the format the bytes show, is not on the allowlist.</summary>
    TypeNotAllowed,

    /// <summary>The bytes are not what the extension says (e.g. HTML in a <c>.pdf</c>).</summary>
    ContentMismatch,
}
