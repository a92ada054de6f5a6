namespace BillingOrchestrator.Persistence.Documentation;

/// <summary>
/// One publication of an instance's evidence pack to the documentation platform: where to, which files with which
/// hashes, how it went. Never holds a credential: <see cref="Target"/> is a folder path or a URL without its query.
/// </summary>
public sealed class PublicationRow
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary><c>folder</c> or <c>rest</c>.</summary>
    public required string TargetKind { get; init; }

    public required string Target { get; init; }

    /// <summary>Where the pack landed: the folder written or the receiver's <c>Location</c>.</summary>
    public string? Location { get; set; }

    public IReadOnlyList<PublishedFile> Files { get; init; } = [];

    /// <summary><c>Publishing</c> (attempts under way), <c>Published</c> or <c>Failed</c> (gave up).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public required string RequestedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>A file in a published pack: its path in the pack, SHA-256 and size.</summary>
public sealed record PublishedFile(string Path, string Sha256, long Length);

public static class PublicationStatuses
{
    public const string Publishing = nameof(Publishing);
    public const string Published = nameof(Published);
    public const string Failed = nameof(Failed);
}
