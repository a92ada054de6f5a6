namespace BillingOrchestrator.Persistence.Operations;

/// <summary>
/// One escalation of one overdue item: level 1 notified its owners, level 2 reassigned it. (ItemKind, ItemId, Level)
/// is unique, so a crash or a second host never escalates an item twice at the same level.
/// </summary>
public sealed class EscalationRow
{
    public const int Notified = 1;
    public const int Reassigned = 2;

    public required string Id { get; init; }

    /// <summary>The overdue source: <c>task</c> (user tasks and gates), later <c>exception</c>.</summary>
    public required string ItemKind { get; init; }

    public required string ItemId { get; init; }

    public int Level { get; init; }

    /// <summary><c>notify</c> or <c>reassign</c>.</summary>
    public required string Action { get; init; }

    public required string Title { get; init; }

    public string? InstanceId { get; init; }

    public string? FromRole { get; init; }

    public string? ToRole { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset At { get; init; }
}
