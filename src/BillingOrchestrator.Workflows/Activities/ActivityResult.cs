using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Activities;

/// <summary>What an activity execution asks the runtime to do next.</summary>
public abstract record ActivityResult
{
    private ActivityResult()
    {
    }

    public static ActivityResult Done { get; } = new Completed("Done");

    /// <summary>Follow the connections leaving on <paramref name="Outcome"/>.</summary>
    public sealed record Completed(string Outcome) : ActivityResult;

    /// <summary>Leave a bookmark (and possibly a user task) and wait for a stimulus.</summary>
    public sealed record Suspended(BookmarkRequest Bookmark) : ActivityResult;

    /// <summary>Nothing to do yet (a Join still waiting for branches); the work item is consumed.</summary>
    public sealed record Waiting : ActivityResult;

    /// <summary>End the whole instance now, cancelling anything still open.</summary>
    public sealed record EndInstance : ActivityResult;
}

/// <summary>A bookmark to create: <paramref name="MatchKey"/> is hashed with the name for stimulus lookup.</summary>
public sealed record BookmarkRequest(string Name, string MatchKey, JsonNode? Payload = null, DateTimeOffset? ResumeAt = null, UserTaskRequest? Task = null);

public sealed record UserTaskRequest(
    string Kind,
    string Title,
    string? Description,
    string? Role,
    string? Assignee,
    IReadOnlyList<string> Outcomes,
    JsonNode? Form,
    DateTimeOffset? DueAt);
