using System.Globalization;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Web.Assets;

/// <summary>The figures of the executive brief, all measured from the live data when it is asked for.</summary>
public sealed record ExecutiveFigures(
    DateTimeOffset GeneratedAt,
    KpiReport Kpis,
    int Findings,
    decimal MoneyAtRisk,
    int RecoveredExceptions,
    decimal Recovered,
    decimal WrittenOff,
    int OpenExceptions,
    decimal OpenAmount,
    IReadOnlyList<OpenExceptionGroup> OpenByRole,
    KpiBaselineStatus? Baseline,
    LeakageDashboard Leakage,
    RolloutStatus Rollout);

public sealed record OpenExceptionGroup(string Role, int Count, decimal Amount);

/// <summary>The baseline and the live values judged against it this week, as <c>GET /api/kpis</c> judges them.</summary>
public sealed record KpiBaselineStatus(DateTimeOffset RecordedAt, int Week, IReadOnlyList<KpiTargetStatus> Targets);

/// <summary>The executive brief (one or two pages): money at risk and recovered, KPI movement, top leaks, exceptions, rollout.</summary>
public static class ExecutiveBrief
{
    public const int TopAgreements = 5;

    public static ReportDocument For(ExecutiveFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var currency = Billing.Money.Currency;
        var d = f.Leakage;
        var sections = new List<ReportSection>
        {
            new(
                "KPI movement against the week-1 baseline",
                f.Baseline is { } b
                    ? $"Baseline recorded {b.RecordedAt:yyyy-MM-dd}; live values judged in week {b.Week}. Movement is the relative improvement (positive is better)."
                    : "No week-1 baseline is recorded yet, so there is no movement to judge: a finance lead records it (POST /api/kpis/baseline).",
                Table: new ReportTable(
                    [new("KPI", 2.2), new("Baseline", 1, true), new("Now", 1, true), new("Movement", 1.05, true), new("Needed now", 1.15, true), new("Target", 1.9), new("Status", 0.9)],
                    [.. KpiDefinitions.All.Select(k =>
                    {
                        var status = f.Baseline?.Targets.First(t => t.Target.Kpi == k.Id);
                        return new ReportRow(
                        [
                            k.Name,
                            status is null ? "n/a" : KpiDefinitions.Format(status.Baseline, k.Unit),
                            KpiDefinitions.Format(k.ValueIn(f.Kpis.Values), k.Unit),
                            Share(status?.Improvement),
                            Share(status?.RequiredImprovement),
                            KpiDefinitions.ShortTarget(k.Target),
                            status?.Status ?? "no baseline",
                        ]);
                    })])),
            new(
                "Leakage trend",
                $"Unbilled labour and write-offs per week ({currency}), the {LeakageDashboard.TrendWeeks} weeks up to the week of {d.WeekStart:yyyy-MM-dd}.",
                new ReportChart(
                    ReportChartKind.Bars,
                    [.. d.Trend.Select(t => t.WeekStart.ToString("MM-dd", CultureInfo.InvariantCulture))],
                    [
                        new("Unbilled labour", [.. d.Trend.Select(t => (double)t.Totals.UnbilledLabour.Amount)]),
                        new("Write-offs", [.. d.Trend.Select(t => (double)t.Totals.WriteOffs.Amount)]),
                    ],
                    $"{currency} per week")),
            new(
                "Top leaking agreements",
                $"Unbilled labour plus write-offs in the week of {d.WeekStart:yyyy-MM-dd}.",
                Table: new ReportTable(
                    [new("Agreement", 3.4), new("Unbilled labour", 1.3, true), new("Write-offs", 1.2, true), new("Leak", 1.2, true)],
                    [.. d.TopAgreements.Take(TopAgreements).Select(l => new ReportRow([l.Name, Money(l.Totals.UnbilledLabour.Amount), Money(l.Totals.WriteOffs.Amount), Money(l.Totals.Leak.Amount)]))])),
            new(
                "Open exceptions",
                $"{f.OpenExceptions} exception(s) wait for a disposition or a second approver, {currency} {Money(f.OpenAmount)} at risk.",
                Table: new ReportTable(
                    [new("Routed to", 3), new("Open", 1, true), new("Amount", 1.5, true)],
                    [.. f.OpenByRole.Select(g => new ReportRow([g.Role, Count(g.Count), Money(g.Amount)]))])),
            new(
                "30-day rollout",
                f.Rollout.Summary,
                Table: new ReportTable(
                    [new("Week", 0.6, true), new("Focus", 3), new("Gate approved by", 1.6), new("On", 1.2)],
                    [.. f.Rollout.Weeks.Select(w => new ReportRow([Count(w.Week), w.Title, w.ApprovedBy ?? "open", w.ApprovedAt is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ""]))])),
        };
        return new ReportDocument
        {
            Eyebrow = "IMPLEMENTATION ASSET · EXECUTIVE BRIEF",
            Title = "Agreement billing integrity: executive brief",
            Subtitle = $"PSA data {f.Kpis.PeriodStart:yyyy-MM-dd} to {f.Kpis.PeriodEnd:yyyy-MM-dd}; {f.Findings} finding(s) from the pre-invoice checks",
            GeneratedAt = f.GeneratedAt,
            Footer = "BillingOrchestrator · executive brief",
            KeyFigures =
            [
                new($"Money at risk, {currency}", Money(f.MoneyAtRisk)),
                new($"Leakage recovered, {currency}", Money(f.Recovered)),
                new("Open exceptions", Count(f.OpenExceptions)),
                new("Rollout", f.Rollout.InstanceId is null ? "not started" : $"{f.Rollout.Weeks.Count(w => w.ApprovedAt is not null)} of {f.Rollout.Weeks.Count} weeks"),
            ],
            Sections = sections,
        };
    }

    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Share(decimal? share) => share is { } s ? (s * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
