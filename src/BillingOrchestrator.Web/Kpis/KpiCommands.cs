using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Persistence.Kpis;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Kpis;

/// <summary>
/// Measures the KPIs now and keeps them as the week-1 baseline. A second baseline replaces the first only when asked
/// to, with a reason, because every later week is measured against it.
/// </summary>
public sealed record RecordKpiBaseline(bool Replace, string? Reason, WorkflowActor Actor) : ICommand<KpiSnapshotView>, IAuditedCommand
{
    public string AuditAction => "kpis.record-baseline";

    public string? AuditSubject => null;

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Replace && string.IsNullOrWhiteSpace(Reason))
        {
            yield return ("reason", "required when replacing a baseline: say why the old one no longer holds");
        }
    }
}

public sealed class RecordKpiBaselineHandler(KpiMeasurement measurement, KpiHistory history, TimeProvider time) : ICommandHandler<RecordKpiBaseline, KpiSnapshotView>
{
    public async ValueTask<KpiSnapshotView> Handle(RecordKpiBaseline command, CancellationToken cancellationToken)
    {
        if (await history.LatestBaselineAsync(cancellationToken) is { } existing && !command.Replace)
        {
            throw new WorkflowConflictException($"A baseline was recorded on {existing.RecordedAt:yyyy-MM-dd} by {existing.RecordedBy}; send replace: true with a reason to replace it.");
        }

        var measured = await measurement.MeasureAsync(cancellationToken);
        return await history.RecordAsync(KpiSnapshotRow.Baseline, "", 1, measured.Report, time.GetUtcNow(), command.Actor.Name, cancellationToken);
    }
}

/// <summary>Measures the KPIs now and keeps them as this week's point against the current baseline.</summary>
public sealed record RecordKpiWeek(WorkflowActor Actor) : ICommand<KpiSnapshotView>, IAuditedCommand
{
    public string AuditAction => "kpis.record-week";

    public string? AuditSubject => null;
}

public sealed class RecordKpiWeekHandler(KpiMeasurement measurement, KpiHistory history, TimeProvider time) : ICommandHandler<RecordKpiWeek, KpiSnapshotView>
{
    public async ValueTask<KpiSnapshotView> Handle(RecordKpiWeek command, CancellationToken cancellationToken)
    {
        var baseline = await history.LatestBaselineAsync(cancellationToken)
            ?? throw new WorkflowConflictException("There is no KPI baseline yet: a finance lead records it in week 1 (POST /api/kpis/baseline).");
        var now = time.GetUtcNow();
        var measured = await measurement.MeasureAsync(cancellationToken);
        return await history.RecordAsync(KpiSnapshotRow.Weekly, baseline.Id, KpiTargets.WeekOf(baseline.RecordedAt, now), measured.Report, now, command.Actor.Name, cancellationToken);
    }
}
