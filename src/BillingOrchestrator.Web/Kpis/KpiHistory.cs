using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Kpis;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Kpis;

/// <summary>The recorded baselines and weekly points, and the series, movement and target status they give.</summary>
public sealed class KpiHistory(BillingDbContext db)
{
    public async Task<KpiSnapshotView?> LatestBaselineAsync(CancellationToken cancellationToken)
    {
        var row = await db.Set<KpiSnapshotRow>().AsNoTracking()
            .Where(s => s.Kind == KpiSnapshotRow.Baseline)
            .OrderByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : View(row);
    }

    public async Task<KpiSnapshotView> RecordAsync(string kind, string baselineId, int week, KpiReport report, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var row = new KpiSnapshotRow
        {
            Id = id,
            Kind = kind,
            RecordedAt = at,
            RecordedBy = actor,
            BaselineId = kind == KpiSnapshotRow.Baseline ? id : baselineId,
            Week = week,
            ValuesJson = BillingJson.Serialize(report.Values),
            ReportJson = BillingJson.Serialize(report),
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    /// <summary>Week 1 (the baseline) and, for every later week, the last point recorded in it.</summary>
    public async Task<KpiSeries?> SeriesAsync(CancellationToken cancellationToken)
    {
        if (await LatestBaselineAsync(cancellationToken) is not { } baseline)
        {
            return null;
        }

        var rows = await db.Set<KpiSnapshotRow>().AsNoTracking()
            .Where(s => s.BaselineId == baseline.Id && s.Kind == KpiSnapshotRow.Weekly)
            .ToListAsync(cancellationToken);
        var weekly = rows
            .GroupBy(r => r.Week)
            .Select(g => g.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).First())
            .OrderBy(r => r.Week)
            .Select(View)
            .ToList();
        var points = new List<KpiPoint> { Point(baseline, baseline) };
        points.AddRange(weekly.Where(w => w.Week > 1).Select(w => Point(baseline, w)));
        var latest = points[^1];
        return new KpiSeries(
            baseline,
            points,
            points.FirstOrDefault(p => p.Week == 4),
            points.FirstOrDefault(p => p.Week == 8),
            KpiTargets.Evaluate(baseline.Values, latest.Values, latest.Week));
    }

    private static KpiPoint Point(KpiSnapshotView baseline, KpiSnapshotView point) =>
        new(point.Week, point.RecordedAt, point.Id, point.Values, KpiTargets.Movement(baseline.Values, point.Values));

    private static KpiSnapshotView View(KpiSnapshotRow row) =>
        new(row.Id, row.Kind, row.RecordedAt, row.RecordedBy, row.BaselineId, row.Week, BillingJson.Deserialize<KpiValues>(row.ValuesJson), BillingJson.Deserialize<KpiReport>(row.ReportJson));
}

/// <summary>A recorded measurement: a baseline or a weekly point.</summary>
public sealed record KpiSnapshotView(string Id, string Kind, DateTimeOffset RecordedAt, string RecordedBy, string BaselineId, int Week, KpiValues Values, KpiReport Report)
    : Commands.IAuditSubject
{
    public string AuditSubject => $"kpi-snapshot:{Id}";
}

/// <summary>One week of the series with its movement against the baseline.</summary>
public sealed record KpiPoint(int Week, DateTimeOffset RecordedAt, string SnapshotId, KpiValues Values, IReadOnlyList<KpiMovement> Movement);

/// <summary>The baseline, the weekly points, the week-4 and week-8 movement, and the targets judged at the latest week.</summary>
public sealed record KpiSeries(KpiSnapshotView Baseline, IReadOnlyList<KpiPoint> Points, KpiPoint? Week4, KpiPoint? Week8, IReadOnlyList<KpiTargetStatus> Targets);
