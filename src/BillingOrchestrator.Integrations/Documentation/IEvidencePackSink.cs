namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>A documentation platform an evidence pack is published to. One call is one attempt; retries are the publisher's.</summary>
public interface IEvidencePackSink
{
    /// <summary>Where packs go, for the record: a folder path or a URL (never a credential).</summary>
    string Target { get; }

    /// <summary>Publishes the pack; returns where it landed. Throws <see cref="PublishFailedException"/> on failure.</summary>
    Task<string> PublishAsync(EvidencePack pack, CancellationToken cancellationToken);
}

/// <summary>An attempt failed; <see cref="Retryable"/> says whether another attempt may succeed (5xx, 429, timeout, network).</summary>
public sealed class PublishFailedException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
