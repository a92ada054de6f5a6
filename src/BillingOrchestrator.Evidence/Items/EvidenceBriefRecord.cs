namespace BillingOrchestrator.Evidence.Items;

/// <summary>A generated PDF evidence brief: which gate of which instance, the stored file, and when.</summary>
public sealed class EvidenceBriefRecord
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string TaskId { get; init; }

    public required string Title { get; init; }

    public required string Sha256 { get; init; }

    public long Length { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
