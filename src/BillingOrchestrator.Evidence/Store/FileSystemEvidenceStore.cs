using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace BillingOrchestrator.Evidence.Store;

/// <summary>
/// Keeps evidence files on disk at <c>{root}/sha256/ab/cd/&lt;hash&gt;</c>. An upload streams into <c>{root}/tmp</c> while it
/// is hashed, measured and inspected, and is moved into place only once accepted, so a reader never sees a partial file
/// and a crash leaves at most a stray temporary file.
/// </summary>
public sealed class FileSystemEvidenceStore : IEvidenceFileStore
{
    private const int BufferSize = 81920;

    private readonly string objects;
    private readonly string temporary;

    /// <param name="rootDirectory">The store's folder; created on first save.</param>
    public FileSystemEvidenceStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        objects = Path.Combine(RootDirectory, "sha256");
        temporary = Path.Combine(RootDirectory, "tmp");
    }

    /// <summary>The absolute path of the store's folder.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc />
    public Task<StoredFile> SaveAsync(Stream content, string fileName, string declaredContentType, long maxBytes, CancellationToken cancellationToken) =>
        AcceptAsync(content, fileName, declaredContentType, maxBytes, publish: true, cancellationToken);

    /// <inheritdoc />
    public Task<StoredFile> InspectAsync(Stream content, string fileName, string declaredContentType, long maxBytes, CancellationToken cancellationToken) =>
        AcceptAsync(content, fileName, declaredContentType, maxBytes, publish: false, cancellationToken);

    private async Task<StoredFile> AcceptAsync(Stream content, string fileName, string declaredContentType, long maxBytes, bool publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var name = EvidenceFileName.Sanitize(fileName);
        EvidenceTypeDetector.ExpectedType(name);
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            throw TooLarge(name, maxBytes);
        }

        Directory.CreateDirectory(temporary);
        var partial = Path.Combine(temporary, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            var (sha256, inspection) = await CopyToTemporaryAsync(content, partial, name, maxBytes, cancellationToken);
            var contentType = await EvidenceTypeDetector.DetectAsync(name, declaredContentType, inspection, partial, cancellationToken);
            if (publish)
            {
                Publish(partial, PathOf(sha256));
            }

            return new StoredFile(sha256, inspection.Length, contentType, name);
        }
        finally
        {
            DeleteIfPresent(partial);
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var hash = Normalize(sha256);
        var path = PathOf(hash);
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(new HashVerifyingStream(file, hash));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public async Task<EvidenceFileVerification> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        var hash = Normalize(sha256);
        FileStream file;
        try
        {
            file = new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new EvidenceFileVerification(hash, EvidenceFileStatus.Missing, null, null);
        }

        await using (file)
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            var status = actual == hash ? EvidenceFileStatus.Intact : EvidenceFileStatus.Altered;
            return new EvidenceFileVerification(hash, status, actual, file.Length);
        }
    }

    /// <summary>Where a file with this hash lives (whether or not it exists).</summary>
    public string PathOf(string sha256)
    {
        var hash = Normalize(sha256);
        return Path.Combine(objects, hash[..2], hash[2..4], hash);
    }

    private static async Task<(string Sha256, ContentInspector Inspection)> CopyToTemporaryAsync(Stream content, string partial, string name, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inspection = new ContentInspector();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                if (inspection.Length + read > maxBytes)
                {
                    throw TooLarge(name, maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                inspection.Append(buffer.AsSpan(0, read));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            inspection.Complete();
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), inspection);
    }

    /// <summary>Moves the accepted file to its address; identical content already stored is kept and the copy dropped.</summary>
    private static void Publish(string partial, string destination)
    {
        if (File.Exists(destination))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.SetAttributes(partial, FileAttributes.ReadOnly);
        try
        {
            File.Move(partial, destination, overwrite: false);
        }
        catch (IOException) when (File.Exists(destination))
        {
            // A concurrent save of the same bytes got there first; its file is this file.
        }
    }

    private static void DeleteIfPresent(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        File.SetAttributes(path, FileAttributes.Normal);
        File.Delete(path);
    }

    private static string Normalize(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 hash: expected 64 hexadecimal characters.", nameof(sha256));
        }

        return sha256.ToLowerInvariant();
    }

    private static EvidenceFileRejectedException TooLarge(string name, long maxBytes) =>
        new(EvidenceRejection.TooLarge, $"'{name}' was refused: it is larger than the limit of {maxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({Size(maxBytes)}) for evidence files.");

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
