namespace BillingOrchestrator.Billing.Kpis;

/// <summary>
/// The playbook's target ranges, judged against the week-1 baseline: the invoice error rate 10–25% better by week 8,
/// unbilled labour and gross margin 10% better by the end of quarter one (week 13). Before the target week a KPI is on
/// track when its improvement is at least the straight-line share of the target for the weeks elapsed.
/// </summary>
public static class KpiTargets
{
    public const string InvoiceErrorRate = "invoiceErrorRate";
    public const string UnbilledLabourValue = "unbilledLabourValue";
    public const string GrossMargin = "grossMargin";

    public const string OnTrack = "on-track";
    public const string OffTrack = "off-track";

    public static IReadOnlyList<KpiTarget> Targets { get; } =
    [
        new(InvoiceErrorRate, LowerIsBetter: true, MinimumImprovement: 0.10m, MaximumImprovement: 0.25m, ByWeek: 8),
        new(UnbilledLabourValue, LowerIsBetter: true, MinimumImprovement: 0.10m, MaximumImprovement: null, ByWeek: 13),
        new(GrossMargin, LowerIsBetter: false, MinimumImprovement: 0.10m, MaximumImprovement: null, ByWeek: 13),
    ];

    /// <summary>Week 1 is the baseline's week; week n starts 7(n−1) days after it.</summary>
    public static int WeekOf(DateTimeOffset baselineAt, DateTimeOffset at) =>
        Math.Max(1, ((DateOnly.FromDateTime(at.UtcDateTime).DayNumber - DateOnly.FromDateTime(baselineAt.UtcDateTime).DayNumber) / 7) + 1);

    /// <summary>The relative improvement of each KPI from <paramref name="baseline"/> to <paramref name="current"/> (positive is better).</summary>
    public static IReadOnlyList<KpiMovement> Movement(KpiValues baseline, KpiValues current) =>
    [
        Move(InvoiceErrorRate, baseline.InvoiceErrorRate, current.InvoiceErrorRate, lowerIsBetter: true),
        Move(UnbilledLabourValue, baseline.UnbilledLabourValue.Amount, current.UnbilledLabourValue.Amount, lowerIsBetter: true),
        Move(GrossMargin, baseline.GrossMargin, current.GrossMargin, lowerIsBetter: false),
    ];

    public static IReadOnlyList<KpiTargetStatus> Evaluate(KpiValues baseline, KpiValues current, int week)
    {
        var movements = Movement(baseline, current).ToDictionary(m => m.Kpi);
        return [.. Targets.Select(target =>
        {
            var movement = movements[target.Kpi];
            var required = Math.Round(target.MinimumImprovement * Math.Min(week - 1, target.ByWeek - 1) / (target.ByWeek - 1), 6, MidpointRounding.ToEven);
            var onTrack = movement.Improvement is { } improvement
                ? improvement >= required
                : movement.Current == movement.Baseline; // no relative change is defined from a zero or missing baseline
            return new KpiTargetStatus(target, week, movement.Baseline, movement.Current, movement.Improvement, required, onTrack ? OnTrack : OffTrack);
        })];
    }

    private static KpiMovement Move(string kpi, decimal? baseline, decimal? current, bool lowerIsBetter)
    {
        decimal? improvement = baseline is { } b && b != 0m && current is { } c
            ? Math.Round((lowerIsBetter ? b - c : c - b) / Math.Abs(b), 6, MidpointRounding.ToEven)
            : null;
        return new KpiMovement(kpi, baseline, current, improvement);
    }
}

public sealed record KpiTarget(string Kpi, bool LowerIsBetter, decimal MinimumImprovement, decimal? MaximumImprovement, int ByWeek);

public sealed record KpiMovement(string Kpi, decimal? Baseline, decimal? Current, decimal? Improvement);

/// <summary>Where a KPI stands against its target in a given week: the improvement so far and the share of the target due by now.</summary>
public sealed record KpiTargetStatus(KpiTarget Target, int Week, decimal? Baseline, decimal? Current, decimal? Improvement, decimal RequiredImprovement, string Status);
