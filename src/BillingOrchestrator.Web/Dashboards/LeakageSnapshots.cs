using System.Globalization;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Web.Kpis;

namespace BillingOrchestrator.Web.Dashboards;

/// <summary>The weekly leakage dashboard over the stored PSA data, as data and as the PDF the weekly gate keeps.</summary>
public sealed class LeakageSnapshots(KpiMeasurement measurement, PdfReportRenderer renderer, TimeProvider time)
{
    /// <summary>The dashboard for the week starting <paramref name="week"/>, or the week holding the data's last day.</summary>
    public async Task<LeakageView> BuildAsync(DateOnly? week, CancellationToken cancellationToken)
    {
        var measured = await measurement.MeasureAsync(cancellationToken);
        var facts = LeakageFacts.From(measured.Snapshot, measured.Findings);
        var dashboard = LeakageDashboard.Build(facts, week ?? LeakageDashboard.WeekOf(measured.Snapshot.PeriodEnd), measured.Snapshot);
        return new LeakageView(dashboard, facts, measured.Snapshot);
    }

    /// <summary>
    /// The time entries behind the week's facts, optionally of one measure, customer, agreement or service line, with
    /// their ConnectWise links; largest fact first. The API's drill-down and the dashboard page both read this.
    /// </summary>
    public static IReadOnlyList<DashboardEndpoints.LeakageEntry> Entries(LeakageView view, string? measure, int? companyId, int? agreementId, string? serviceLine, SourceLinks links)
    {
        var (from, to) = (view.Dashboard.WeekStart, view.Dashboard.WeekEnd);
        var entries = view.Snapshot.TimeEntries.ToDictionary(e => e.Id);
        return view.Facts
            .Where(f => f.Date >= from && f.Date <= to)
            .Where(f => (measure is null || f.Measure == measure) && (companyId is null || f.CompanyId == companyId) && (agreementId is null || f.AgreementId == agreementId) && (serviceLine is null || f.ServiceLine == serviceLine))
            .SelectMany(f => f.TimeEntryIds.Where(entries.ContainsKey).Select(id => (Fact: f, Entry: entries[id])))
            .OrderByDescending(x => x.Fact.Amount).ThenBy(x => x.Entry.Id)
            .Select(x => new DashboardEndpoints.LeakageEntry(x.Entry.Id, x.Fact.Id, x.Fact.Measure, x.Fact.Date, x.Fact.CompanyId, x.Fact.AgreementId, x.Fact.ServiceLine, x.Fact.CheckId, x.Entry.ActualHours, x.Fact.Amount, x.Entry.MemberId, links.For(new SourceRef(EntityKind.TimeEntry, x.Entry.Id))))
            .ToList();
    }

    public byte[] RenderPdf(LeakageDashboard dashboard)
    {
        var pdf = renderer.Render(LeakageReport.For(dashboard, time.GetUtcNow()));
        Observability.ProductTelemetry.Brief("leakage-dashboard");
        return pdf;
    }
}

public sealed record LeakageView(LeakageDashboard Dashboard, IReadOnlyList<LeakageFact> Facts, BillingSnapshot Snapshot);

/// <summary>Lays the dashboard out as a report: figures, trend chart, breakdowns and the top leaking agreements.</summary>
internal static class LeakageReport
{
    public static ReportDocument For(LeakageDashboard d, DateTimeOffset generatedAt)
    {
        var week = $"{d.WeekStart:yyyy-MM-dd} to {d.WeekEnd:yyyy-MM-dd}";
        return new ReportDocument
        {
            Eyebrow = "WEEKLY LEAKAGE DASHBOARD · PLAYBOOK STEP 5",
            Title = $"Leakage, week of {d.WeekStart:yyyy-MM-dd}",
            Subtitle = $"Unbilled labour, write-offs and agreement overrun, {week}",
            GeneratedAt = generatedAt,
            Footer = $"BillingOrchestrator · leakage dashboard · ISO week {ISOWeek.GetYear(d.WeekStart.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(d.WeekStart.ToDateTime(TimeOnly.MinValue)):00}",
            KeyFigures =
            [
                new("Unbilled labour", Money(d.ThisWeek.UnbilledLabour)),
                new("Write-offs", Money(d.ThisWeek.WriteOffs)),
                new("Overrun hours", Hours(d.ThisWeek.OverrunHours)),
                new("Overrun value", Money(d.ThisWeek.OverrunValue)),
            ],
            Sections =
            [
                new ReportSection(
                    "Trend",
                    $"The {LeakageDashboard.TrendWeeks} weeks up to this one (week starting Monday).",
                    new ReportChart(
                        ReportChartKind.Lines,
                        [.. d.Trend.Select(t => t.WeekStart.ToString("MM-dd", CultureInfo.InvariantCulture))],
                        [
                            new("Unbilled labour", [.. d.Trend.Select(t => (double)t.Totals.UnbilledLabour.Amount)]),
                            new("Write-offs", [.. d.Trend.Select(t => (double)t.Totals.WriteOffs.Amount)]),
                            new("Overrun value", [.. d.Trend.Select(t => (double)t.Totals.OverrunValue.Amount)]),
                        ],
                        $"{Billing.Money.Currency} per week"),
                    Table([.. d.Trend.Select(t => new LeakageLine(t.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, t.Totals))], "Week")),
                new ReportSection("Top leaking agreements", "Unbilled labour plus write-offs this week.", Table: Table(d.TopAgreements, "Agreement")),
                new ReportSection("By service line", Table: Table(d.ByServiceLine, "Service line")),
                new ReportSection("By customer", Table: Table(d.ByCustomer, "Customer")),
            ],
        };
    }

    private static ReportTable Table(IReadOnlyList<LeakageLine> lines, string first) => new(
        [new(first, 3), new("Unbilled labour", 1.3, true), new("Write-offs", 1.2, true), new("Overrun h", 0.9, true), new("Overrun value", 1.2, true)],
        [.. lines.Select(l => new ReportRow([l.Name, Money(l.Totals.UnbilledLabour), Money(l.Totals.WriteOffs), Hours(l.Totals.OverrunHours), Money(l.Totals.OverrunValue)]))]);

    private static string Money(Billing.Money m) => m.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Hours(Billing.Hours h) => h.Value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
