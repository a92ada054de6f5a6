using System.Security.Cryptography;
using System.Text;

namespace BillingOrchestrator.Workflows.Bookmarks;

/// <summary>
/// What a suspended activity leaves behind. A stimulus finds its bookmark by <see cref="Hash"/>, the hash of the
/// bookmark's name and matching key, as in Elsa.
/// </summary>
public sealed class Bookmark
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string WorkItemId { get; init; }

    /// <summary><see cref="BookmarkNames"/>: UserTask, Timer or Event.</summary>
    public required string Name { get; init; }

    public required string Hash { get; init; }

    public string? PayloadJson { get; init; }

    public DateTimeOffset? ResumeAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static string ComputeHash(string name, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{key}")));
}

public static class BookmarkNames
{
    public const string UserTask = "UserTask";
    public const string Timer = "Timer";
    public const string Event = "Event";
}
