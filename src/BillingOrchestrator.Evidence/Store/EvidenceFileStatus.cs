namespace BillingOrchestrator.Evidence.Store;

/// <summary>The state of a stored file found by <see cref="IEvidenceFileStore.VerifyAsync"/>.</summary>
public enum EvidenceFileStatus
{
    /// <summary>The bytes hash to the file's address.</summary>
    Intact,

    /// <summary>The file exists but its bytes no longer hash to its address.</summary>
    Altered,

    /// <summary>No file is stored under that address.</summary>
    Missing,
}
