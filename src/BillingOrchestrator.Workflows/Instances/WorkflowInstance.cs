namespace BillingOrchestrator.Workflows.Instances;

/// <summary>
/// The durable record of one run of a definition. <see cref="Revision"/> increases with every committed change and
/// guards every write: a writer holding an older revision is refused.
/// </summary>
public sealed class WorkflowInstance
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public int DefinitionVersion { get; set; }

    public string? CorrelationId { get; init; }

    public WorkflowStatus Status { get; set; }

    public WorkflowSubStatus SubStatus { get; set; }

    public long Revision { get; set; }

    public InstanceState State { get; set; } = new();

    public int IncidentCount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The earliest moment a timer or a delayed retry needs this instance run again.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    public string? CreatedBy { get; init; }

    /// <summary>A copy one revision on, with its own copy of the state, for building the next commit.</summary>
    public WorkflowInstance NextRevision(DateTimeOffset now)
    {
        var next = Copy();
        next.Revision = Revision + 1;
        next.UpdatedAt = now;
        return next;
    }

    /// <summary>A copy at the same revision, with its own copy of the state.</summary>
    internal WorkflowInstance Copy() => new()
    {
        Id = Id,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        CorrelationId = CorrelationId,
        Status = Status,
        SubStatus = SubStatus,
        Revision = Revision,
        State = State.Clone(),
        IncidentCount = IncidentCount,
        CreatedAt = CreatedAt,
        CreatedBy = CreatedBy,
        UpdatedAt = UpdatedAt,
        FinishedAt = FinishedAt,
        WakeAt = WakeAt,
        LeaseOwner = LeaseOwner,
        LeaseUntil = LeaseUntil,
    };
}
