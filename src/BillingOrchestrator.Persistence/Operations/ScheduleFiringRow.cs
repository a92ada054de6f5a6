namespace BillingOrchestrator.Persistence.Operations;

/// <summary>
/// A schedule's firing for one period. The key is the correlation id of the instance it starts, so a second firing
/// for the same period (a misfire, a restart, another host) finds it and starts nothing.
/// </summary>
public sealed class ScheduleFiringRow
{
    public const string Starting = "Starting";
    public const string Started = "Started";
    public const string Failed = "Failed";

    public required string CorrelationId { get; init; }

    public required string DefinitionId { get; init; }

    public DateTimeOffset ScheduledFor { get; init; }

    public DateTimeOffset FiredAt { get; set; }

    public required string Status { get; set; }

    public string? InstanceId { get; set; }

    public string? Error { get; set; }
}
