namespace BillingOrchestrator.Evidence.Store;

/// <summary>A stored evidence file whose bytes no longer hash to its address: it was altered or corrupted on disk.</summary>
/// <param name="sha256">The file's address: the hash recorded when it was stored.</param>
/// <param name="actualSha256">The hash of the bytes on disk now.</param>
/// <param name="fileName">The file's name where the reader knows it (an evidence item's name, a path in a pack).</param>
public sealed class EvidenceIntegrityException(string sha256, string actualSha256, string? fileName = null)
    : Exception($"Evidence file {(fileName is null ? "" : $"'{fileName}' ")}was altered on disk: it was stored with SHA-256 {sha256} but its bytes now hash to {actualSha256}.")
{
    public string Sha256 { get; } = sha256;

    public string ActualSha256 { get; } = actualSha256;

    public string? FileName { get; } = fileName;

    /// <summary>The same failure, naming the file as the caller knows it.</summary>
    public EvidenceIntegrityException Naming(string fileName) => new(Sha256, ActualSha256, fileName);
}
