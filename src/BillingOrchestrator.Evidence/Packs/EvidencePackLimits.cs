namespace BillingOrchestrator.Evidence.Packs;

/// <summary>Limits on an evidence pack (a ZIP of evidence files), bound from <c>Evidence:Pack</c>.</summary>
public sealed class EvidencePackLimits
{
    /// <summary>The largest upload, compressed. The request is refused before it is read when it is larger.</summary>
    public long MaxPackBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>The most entries (files and folders) a pack may hold.</summary>
    public int MaxEntries { get; set; } = 200;

    /// <summary>The most bytes all entries together may decompress to, counted while decompressing.</summary>
    public long MaxUncompressedBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>
    /// The highest compression ratio: bytes decompressed per compressed byte actually read, checked after every read
    /// once <see cref="RatioCheckAfterBytes"/> have come out. Ordinary documents compress far less (CSV and text 5 to
    /// 20 times), zip bombs near deflate's maximum of 1032.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Below this many decompressed bytes the ratio is not checked: a small file of blanks is harmless.</summary>
    public long RatioCheckAfterBytes { get; set; } = 64 * 1024;
}
