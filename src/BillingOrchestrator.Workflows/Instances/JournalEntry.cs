namespace BillingOrchestrator.Workflows.Instances;

/// <summary>One transition of an instance: who, when, which activity, what happened and with what outcome.</summary>
public sealed class JournalEntry
{
    public long Id { get; init; }

    public required string InstanceId { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string? ActivityId { get; init; }

    public string? ActivityType { get; init; }

    public required string Event { get; init; }

    public string? Outcome { get; init; }

    public required string Actor { get; init; }

    public string? DataJson { get; init; }
}

public static class JournalEvents
{
    public const string InstanceStarted = "InstanceStarted";
    public const string ActivityCompleted = "ActivityCompleted";
    public const string ActivitySuspended = "ActivitySuspended";
    public const string ActivityResumed = "ActivityResumed";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string ActivityRetryScheduled = "ActivityRetryScheduled";
    public const string InstanceFinished = "InstanceFinished";
    public const string InstanceFaulted = "InstanceFaulted";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string InstanceRetried = "InstanceRetried";
    public const string InstanceMigrated = "InstanceMigrated";
    public const string TaskClaimed = "TaskClaimed";
    public const string TaskReleased = "TaskReleased";
    public const string TaskAssigned = "TaskAssigned";
    public const string TaskCompleted = "TaskCompleted";

    /// <summary>An overdue task was reassigned to its escalation role.</summary>
    public const string TaskEscalated = "TaskEscalated";
}
