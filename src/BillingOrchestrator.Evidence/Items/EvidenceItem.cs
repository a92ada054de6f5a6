namespace BillingOrchestrator.Evidence.Items;

/// <summary>
/// One piece of evidence attached to a workflow instance (and usually to one of its steps): a stored file, a note,
/// a link or a system artefact such as a PDF brief. Files are referenced by their SHA-256 in the evidence store.
/// </summary>
public sealed class EvidenceItem
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>The activity (step or gate) the evidence belongs to; null for instance-wide evidence.</summary>
    public string? ActivityId { get; init; }

    /// <summary>The playbook step (1-6, or a rollout week) the activity belongs to, when the definition numbers its steps.</summary>
    public int? Step { get; init; }

    /// <summary>The quality gate this evidence is for: the gate that closes the item's step.</summary>
    public string? GateId { get; init; }

    public required EvidenceKind Kind { get; init; }

    public required string Name { get; init; }

    public string? Sha256 { get; init; }

    public string? ContentType { get; init; }

    public long? Length { get; init; }

    public string? Note { get; init; }

    /// <summary>A link's target, or for a system artefact the API address of its source (e.g. the validation run).</summary>
    public string? Url { get; init; }

    /// <summary>The controls this item evidences, from <see cref="EvidenceControls.All"/>.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum EvidenceKind
{
    File,
    Note,
    Link,
    Artefact,
}
