namespace BillingOrchestrator.Persistence.Kpis;

/// <summary>
/// The KPIs as measured at one moment: a week-1 baseline, or a weekly point measured against the baseline it names.
/// Values and the full report are JSON so the breakdowns stay as they were when measured.
/// </summary>
public sealed class KpiSnapshotRow
{
    public const string Baseline = "baseline";
    public const string Weekly = "weekly";

    public required string Id { get; init; }

    public required string Kind { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    /// <summary>The baseline a weekly point is measured against; a baseline names itself.</summary>
    public required string BaselineId { get; init; }

    /// <summary>Week 1 is the baseline's week.</summary>
    public int Week { get; init; }

    public required string ValuesJson { get; init; }

    public required string ReportJson { get; init; }
}
