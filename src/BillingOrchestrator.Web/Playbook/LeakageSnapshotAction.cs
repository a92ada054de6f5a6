using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// Step 5's system artefact (<c>leakage.snapshot</c>): the leakage dashboard as it stood, by customer and by service
/// line: unbilled labour (money at risk neither written off nor accepted as covered), write-offs, and agreement overrun
/// (unbilled overage). From this cycle's exceptions when step 4 routed them, otherwise (the weekly review) from the
/// findings of the run in the variable <c>validation</c>.
/// </summary>
public sealed class LeakageSnapshotAction : ArtefactAction
{
    public override string Name => "leakage.snapshot";

    protected override string FileName => "leakage-dashboard-snapshot.json";

    public override IReadOnlyList<string> Controls => [EvidenceControls.Observability, EvidenceControls.FinancialTelemetry];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BillingDbContext>();
        var leaks = await db.Set<BillingException>().AsNoTracking()
            .Where(e => e.InstanceId == context.Instance.Id)
            .Select(e => new Leak(e.CompanyId, e.ServiceLine, e.Category, e.AmountCents, e.Disposition))
            .ToListAsync(cancellationToken);
        var source = $"/api/exceptions?instanceId={context.Instance.Id}";
        if (leaks.Count == 0 && context.GetVariable("validation.runId")?.GetValue<string>() is { } runId)
        {
            var findings = await db.Set<ValidationFindingRow>().AsNoTracking().Where(f => f.RunId == runId).Select(f => f.FindingJson).ToListAsync(cancellationToken);
            leaks = [.. findings.Select(BillingJson.Deserialize<Finding>).Select(f => new Leak(
                f.CompanyId, f.ServiceLine, System.Text.Json.JsonSerializer.Serialize(f.Category, BillingJson.Options).Trim('"'), (long)decimal.Round(f.AmountAtRisk.Amount * 100m), null))];
            source = $"/api/validation-runs/{runId}/findings";
        }

        var totals = Totals(leaks);
        var report = new
        {
            instanceId = context.Instance.Id,
            takenAt = context.Now,
            currency = "USD",
            source,
            totals,
            byCustomer = leaks.GroupBy(e => e.CompanyId).OrderBy(g => g.Key).Select(g => new { companyId = g.Key, figures = Totals(g) }).ToList(),
            byServiceLine = leaks.GroupBy(e => e.ServiceLine ?? "(no ticket)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new { serviceLine = g.Key, figures = Totals(g) }).ToList(),
        };
        return (report, source, new JsonObject
        {
            ["unbilledLabor"] = totals.UnbilledLabor,
            ["writeOffs"] = totals.WriteOffs,
            ["agreementOverrun"] = totals.AgreementOverrun,
            ["items"] = totals.Items,
        });
    }

    private static LeakageFigures Totals(IEnumerable<Leak> leaks)
    {
        var list = leaks.ToList();
        return new LeakageFigures(
            list.Where(e => e.Disposition is not (Disposition.WriteOff or Disposition.AcceptAsCovered)).Sum(e => e.Cents) / 100m,
            list.Where(e => e.Disposition == Disposition.WriteOff).Sum(e => e.Cents) / 100m,
            list.Where(e => e.Category == "unbilled-overage").Sum(e => e.Cents) / 100m,
            list.Count);
    }

    private sealed record Leak(int CompanyId, string? ServiceLine, string Category, long Cents, Disposition? Disposition);

    private sealed record LeakageFigures(decimal UnbilledLabor, decimal WriteOffs, decimal AgreementOverrun, int Items);
}
