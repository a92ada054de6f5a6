namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>A piece of work waiting on a person: a plain user task or a quality gate's approval.</summary>
public sealed class UserTask
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public required string ActivityId { get; init; }

    public required string BookmarkId { get; init; }

    public required string Kind { get; init; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public string? Role { get; set; }

    public string? Assignee { get; set; }

    public UserTaskStatus Status { get; set; }

    public IReadOnlyList<string> Outcomes { get; set; } = [];

    /// <summary>The form fields and evidence requirements as JSON, shown to the person and checked on completion.</summary>
    public string? FormJson { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public long Revision { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Outcome { get; set; }

    public string? ResultJson { get; set; }

    public string? Comment { get; set; }

    public bool IsOpen => Status is UserTaskStatus.Unassigned or UserTaskStatus.Available or UserTaskStatus.Assigned;
}

public enum UserTaskStatus
{
    /// <summary>Neither a role nor a person: waits for someone to assign it.</summary>
    Unassigned,

    /// <summary>Offered to everyone in its role; nobody has claimed it.</summary>
    Available,

    Assigned,
    Completed,
    Cancelled,
}

public static class UserTaskKinds
{
    public const string UserTask = "UserTask";
    public const string QualityGate = "QualityGate";
}
