namespace BillingOrchestrator.Evidence.Store;

/// <summary>What the store kept: the content address and the facts established from the bytes themselves.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the content; the file's address in the store.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="ContentType">The media type detected from the bytes (not the one the client declared).</param>
/// <param name="OriginalName">The client's file name, sanitised: no path, no control characters, at most 200 characters.</param>
public sealed record StoredFile(string Sha256, long Length, string ContentType, string OriginalName);
