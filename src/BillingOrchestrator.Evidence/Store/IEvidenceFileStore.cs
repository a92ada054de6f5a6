namespace BillingOrchestrator.Evidence.Store;

/// <summary>
/// A content-addressed store for evidence files: a file is named by the SHA-256 of its bytes, so identical content is
/// stored once and any later change to the bytes is detectable.
/// </summary>
public interface IEvidenceFileStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store, refusing it while streaming once it exceeds
    /// <paramref name="maxBytes"/>, and accepts it only if its bytes are an allowed type that agrees with the extension of
    /// <paramref name="fileName"/>. <paramref name="declaredContentType"/> is what the client claimed; it is not trusted
    /// and only appears in the reason when the file is refused.
    /// </summary>
    /// <exception cref="EvidenceFileRejectedException">The file is too large, empty, of a type not allowed, or its bytes disagree with its name.</exception>
    Task<StoredFile> SaveAsync(Stream content, string fileName, string declaredContentType, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Applies every rule of <see cref="SaveAsync"/> to <paramref name="content"/> and says what would be stored, but
    /// stores nothing: for imports that accept several files all or nothing.
    /// </summary>
    /// <exception cref="EvidenceFileRejectedException">As for <see cref="SaveAsync"/>.</exception>
    Task<StoredFile> InspectAsync(Stream content, string fileName, string declaredContentType, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a stored file for reading, or returns <see langword="null"/> when no file has that hash. Reading the stream
    /// to its end recomputes the hash and throws <see cref="EvidenceIntegrityException"/> if the bytes no longer match.
    /// </summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash of a stored file and reports whether it still matches its name.</summary>
    Task<EvidenceFileVerification> VerifyAsync(string sha256, CancellationToken cancellationToken);
}
