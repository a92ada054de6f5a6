using System.Text.Json.Nodes;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>Step 1's system artefact (<c>catalog.completeness</c>): active agreements lacking an owner, rules or intake fields.</summary>
public sealed class CatalogReportAction : ArtefactAction
{
    public override string Name => "catalog.completeness";

    protected override string FileName => "catalog-completeness.json";

    public override IReadOnlyList<string> Controls => [EvidenceControls.OutputValidation, EvidenceControls.BillingValidation];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var data = services.GetRequiredService<BillingDataStore>();
        var catalog = await services.GetRequiredService<CatalogStore>().LoadCatalogAsync(cancellationToken);
        var asOf = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var report = CatalogCompletenessReport.Build(await data.AllAsync<Agreement>(EntityKind.Agreement, cancellationToken), catalog, asOf);
        return (report, $"/api/catalog/completeness?asOf={asOf:yyyy-MM-dd}", new JsonObject
        {
            ["agreementsChecked"] = report.AgreementsChecked,
            ["completeAgreements"] = report.CompleteAgreements,
            ["gaps"] = report.Gaps.Count,
        });
    }
}
