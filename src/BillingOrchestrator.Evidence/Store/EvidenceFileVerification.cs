namespace BillingOrchestrator.Evidence.Store;

/// <summary>The outcome of recomputing a stored file's hash.</summary>
/// <param name="Sha256">The address that was checked.</param>
/// <param name="Status">Whether the file is there and still matches its address.</param>
/// <param name="ActualSha256">The hash of the bytes found, when the file exists.</param>
/// <param name="Length">The length of the bytes found, when the file exists.</param>
public sealed record EvidenceFileVerification(string Sha256, EvidenceFileStatus Status, string? ActualSha256, long? Length)
{
    /// <summary><see langword="true"/> when the file exists and its bytes hash to its address.</summary>
    public bool Intact => Status == EvidenceFileStatus.Intact;
}
