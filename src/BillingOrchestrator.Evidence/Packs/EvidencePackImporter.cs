using System.Globalization;
using System.IO.Compression;
using BillingOrchestrator.Evidence.Store;

namespace BillingOrchestrator.Evidence.Packs;

/// <summary>
/// Imports an evidence pack: a ZIP whose files each become evidence, all or nothing. Every file goes through the
/// evidence store's own rules (size limit, allowlisted types, content sniffing, names reduced to their last segment, so
/// <c>../</c> and absolute names are neutralised). The pack itself is limited in entries, in bytes decompressed and in
/// compression ratio; bytes are counted as they come out of the decompressor, never taken from the ZIP's headers, so
/// a lying header cannot get a bomb past the limits. Nested archives and encrypted entries are refused. The first pass
/// only inspects every file (the store keeps nothing); only when all pass does the second pass store them, so a refused
/// pack leaves the store as it was.
/// </summary>
public static class EvidencePackImporter
{
    private const int MaxShownNameLength = 120;

    // Archives inside a pack are refused by name; their bytes would also fail the store's allowlist. Office documents
    // (.xlsx, .docx) are ZIPs too but are evidence files the store accepts and never unpacks.
    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".tbz2", ".xz", ".txz", ".zst", ".lz", ".lzma", ".z", ".cab", ".jar", ".iso",
    };

    /// <param name="pack">The ZIP, seekable (an uploaded form file is).</param>
    /// <param name="maxFileBytes">The store's limit for one file.</param>
    /// <exception cref="EvidencePackRejectedException">The pack or one of its files was refused; nothing was stored.</exception>
    public static async Task<IReadOnlyList<EvidencePackEntry>> ImportAsync(Stream pack, IEvidenceFileStore store, long maxFileBytes, EvidencePackLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(limits);
        if (!pack.CanSeek)
        {
            throw new ArgumentException("The pack must be seekable.", nameof(pack));
        }

        if (pack.Length > limits.MaxPackBytes)
        {
            throw new EvidencePackRejectedException($"the pack is larger than the limit of {Bytes(limits.MaxPackBytes)}");
        }

        // Every compressed byte the decompressors read comes through this counter, so the ratio is measured on what was
        // actually read, not on the sizes the ZIP's headers claim.
        var compressed = new CountingStream(pack);
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(compressed, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new EvidencePackRejectedException($"the file is not a readable ZIP archive ({ex.Message})");
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IOException)
        {
            // The reader seeks past the end of a file too short for a ZIP's end record, or whose end record points outside it.
            throw new EvidencePackRejectedException("the file is not a readable ZIP archive (too short, or its directory points outside the file)");
        }

        await using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new EvidencePackRejectedException($"the pack holds {archive.Entries.Count.ToString(CultureInfo.InvariantCulture)} entries; at most {limits.MaxEntries.ToString(CultureInfo.InvariantCulture)} are accepted");
            }

            var files = archive.Entries.Where(e => !IsFolder(e)).ToList();
            if (files.Count == 0)
            {
                throw new EvidencePackRejectedException("the pack holds no files");
            }

            foreach (var entry in files)
            {
                if (ArchiveExtensions.Contains(Path.GetExtension(entry.FullName)))
                {
                    throw new EvidencePackRejectedException($"entry '{Shown(entry.FullName)}' is an archive; nested archives are not accepted, add its files to the pack instead");
                }

                if (entry.IsEncrypted)
                {
                    throw new EvidencePackRejectedException($"entry '{Shown(entry.FullName)}' is encrypted; evidence must be readable");
                }
            }

            var refused = new List<string>();
            await PassAsync(files, compressed, limits, (stream, entry) => store.InspectAsync(stream, entry.FullName, "application/octet-stream", maxFileBytes, cancellationToken), refused, cancellationToken);
            if (refused.Count > 0)
            {
                throw new EvidencePackRejectedException(string.Join("; ", refused));
            }

            var stored = await PassAsync(files, compressed, limits, (stream, entry) => store.SaveAsync(stream, entry.FullName, "application/octet-stream", maxFileBytes, cancellationToken), refused, cancellationToken);
            return refused.Count > 0 ? throw new EvidencePackRejectedException(string.Join("; ", refused)) : stored;
        }
    }

    private static async Task<List<EvidencePackEntry>> PassAsync(
        List<ZipArchiveEntry> files,
        CountingStream compressed,
        EvidencePackLimits limits,
        Func<Stream, ZipArchiveEntry, Task<StoredFile>> accept,
        List<string> refused,
        CancellationToken cancellationToken)
    {
        var budget = new DecompressionBudget(compressed, limits);
        var accepted = new List<EvidencePackEntry>(files.Count);
        foreach (var entry in files)
        {
            try
            {
                await using var decompressed = await entry.OpenAsync(cancellationToken);
                var content = new CountingStream(decompressed, read => budget.Count(Shown(entry.FullName), read));
                accepted.Add(new EvidencePackEntry(entry.FullName, await accept(content, entry)));
            }
            catch (EvidenceFileRejectedException ex)
            {
                refused.Add($"entry '{Shown(entry.FullName)}': {ex.Message}");
            }
            catch (InvalidDataException ex)
            {
                throw new EvidencePackRejectedException($"entry '{Shown(entry.FullName)}' cannot be decompressed ({ex.Message})");
            }
        }

        return accepted;
    }

    private static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    /// <summary>An entry name fit for a message: no control characters, not too long.</summary>
    private static string Shown(string name)
    {
        var shown = new string([.. name.Where(c => !char.IsControl(c))]);
        return shown.Length > MaxShownNameLength ? shown[..MaxShownNameLength] + "..." : shown;
    }

    internal static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>What one pass may decompress, shared by its entries: bytes out in total, and per byte read in.</summary>
    private sealed class DecompressionBudget(CountingStream compressed, EvidencePackLimits limits)
    {
        private readonly long compressedAtStart = compressed.BytesRead;
        private long total;

        public void Count(string entry, int read)
        {
            total += read;
            if (total > limits.MaxUncompressedBytes)
            {
                throw new EvidencePackRejectedException($"the pack decompresses to more than the limit of {Bytes(limits.MaxUncompressedBytes)} (stopped in entry '{entry}')");
            }

            var readIn = Math.Max(compressed.BytesRead - compressedAtStart, 1);
            if (total > limits.RatioCheckAfterBytes && total > readIn * limits.MaxCompressionRatio)
            {
                throw new EvidencePackRejectedException(
                    $"entry '{entry}' expands more than {limits.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)} times ({Bytes(total)} out of {Bytes(readIn)} read); refused as a likely zip bomb");
            }
        }
    }

    /// <summary>
    /// Counts the bytes read through it and reports each read: on the uploaded pack (seekable, as ZIP reading needs) the
    /// compressed bytes, on an entry the bytes leaving the decompressor, stopped the moment a limit is passed.
    /// </summary>
    private sealed class CountingStream(Stream inner, Action<int>? onRead = null) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int count)
        {
            BytesRead += count;
            onRead?.Invoke(count);
            return count;
        }
    }
}
