using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// Step 5's system artefact (<c>leakage.snapshot</c>): the leakage dashboard as it stood, by customer and by service
/// line: unbilled labour (money at risk not written off), write-offs, and agreement overrun (unbilled overage), from
/// this cycle's exceptions.
/// </summary>
public sealed class LeakageSnapshotAction : ArtefactAction
{
    public override string Name => "leakage.snapshot";

    protected override string FileName => "leakage-dashboard-snapshot.json";

    protected override IReadOnlyList<string> Controls => [EvidenceControls.Observability, EvidenceControls.FinancialTelemetry];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var exceptions = await services.GetRequiredService<BillingDbContext>().Set<BillingException>().AsNoTracking()
            .Where(e => e.InstanceId == context.Instance.Id).ToListAsync(cancellationToken);
        var totals = Totals(exceptions);
        var report = new
        {
            instanceId = context.Instance.Id,
            takenAt = context.Now,
            currency = "USD",
            totals,
            byCustomer = exceptions.GroupBy(e => e.CompanyId).OrderBy(g => g.Key).Select(g => new { companyId = g.Key, figures = Totals(g) }).ToList(),
            byServiceLine = exceptions.GroupBy(e => e.ServiceLine ?? "(no ticket)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new { serviceLine = g.Key, figures = Totals(g) }).ToList(),
        };
        return (report, $"/api/exceptions?instanceId={context.Instance.Id}", new JsonObject
        {
            ["unbilledLabor"] = totals.UnbilledLabor,
            ["writeOffs"] = totals.WriteOffs,
            ["agreementOverrun"] = totals.AgreementOverrun,
        });
    }

    private static LeakageFigures Totals(IEnumerable<BillingException> exceptions)
    {
        var list = exceptions.ToList();
        return new LeakageFigures(
            list.Where(e => e.Disposition != Disposition.WriteOff && e.Disposition != Disposition.AcceptAsCovered).Sum(e => e.Amount),
            list.Where(e => e.Disposition == Disposition.WriteOff).Sum(e => e.Amount),
            list.Where(e => e.Category == "unbilled-overage").Sum(e => e.Amount),
            list.Count);
    }

    private sealed record LeakageFigures(decimal UnbilledLabor, decimal WriteOffs, decimal AgreementOverrun, int Exceptions);
}
