using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Kpis;
using BillingOrchestrator.Web.Kpis;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Dashboards;

/// <summary>
/// The workflow action <c>dashboard.snapshot</c>: renders the weekly leakage dashboard (<c>input.week</c>, default the
/// week of the data's last day) as a PDF and attaches it to the instance as evidence for the weekly gate; when a KPI
/// baseline exists it also records this week's KPI point. The evidence id comes from the execution's idempotency key,
/// so a replay after a crash returns the snapshot already taken.
/// </summary>
public sealed class DashboardSnapshotAction : IWorkflowAction, Playbook.IControlEvidence
{
    public string Name => "dashboard.snapshot";

    public IReadOnlyList<string> Controls { get; } = [EvidenceControls.FinancialTelemetry];

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        await using var scope = context.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BillingDbContext>();
        var evidenceId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(context.IdempotencyKey)))[..32];
        var existing = await db.Set<EvidenceItem>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId, cancellationToken);
        var week = WeekParameter.Parse(input?["week"]?.GetValue<string>(), "input.week");
        var snapshots = services.GetRequiredService<LeakageSnapshots>();
        var view = await snapshots.BuildAsync(week, cancellationToken);
        var dashboard = view.Dashboard;
        if (existing is null)
        {
            var pdf = snapshots.RenderPdf(dashboard);
            using var stream = new MemoryStream(pdf);
            var stored = await services.GetRequiredService<IEvidenceFileStore>().SaveAsync(stream, $"leakage-{dashboard.WeekStart:yyyy-MM-dd}.pdf", "application/pdf", pdf.Length + 1, cancellationToken);
            existing = new EvidenceItem
            {
                Id = evidenceId,
                InstanceId = context.Instance.Id,
                ActivityId = context.Activity.Id,
                Kind = EvidenceKind.Artefact,
                Name = $"Leakage dashboard, week of {dashboard.WeekStart:yyyy-MM-dd}.pdf",
                Sha256 = stored.Sha256,
                ContentType = stored.ContentType,
                Length = stored.Length,
                Controls = Controls,
                CreatedBy = "workflow:" + context.Instance.Id,
                CreatedAt = context.Now,
            };
            db.Add(existing);
            await db.SaveChangesAsync(cancellationToken);
            await RecordKpiWeekAsync(services, context, cancellationToken);
        }

        context.RecordEffect("leakage-snapshot", new JsonObject { ["evidenceId"] = existing.Id }, "leakage-snapshot");
        return ActionResult.Done(new JsonObject
        {
            ["evidenceId"] = existing.Id,
            ["sha256"] = existing.Sha256,
            ["weekStart"] = dashboard.WeekStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["unbilledLabour"] = dashboard.ThisWeek.UnbilledLabour.Amount,
            ["writeOffs"] = dashboard.ThisWeek.WriteOffs.Amount,
            ["overrunHours"] = dashboard.ThisWeek.OverrunHours.Value,
        });
    }

    private static async Task RecordKpiWeekAsync(IServiceProvider services, ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var history = services.GetRequiredService<KpiHistory>();
        if (await history.LatestBaselineAsync(cancellationToken) is not { } baseline)
        {
            return;
        }

        var report = (await services.GetRequiredService<KpiMeasurement>().MeasureAsync(cancellationToken)).Report;
        await history.RecordAsync(KpiSnapshotRow.Weekly, baseline.Id, Billing.Kpis.KpiTargets.WeekOf(baseline.RecordedAt, context.Now), report, context.Now, "workflow:" + context.Instance.Id, cancellationToken);
    }
}
