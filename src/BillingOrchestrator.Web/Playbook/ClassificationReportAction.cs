using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>Step 2's system artefact (<c>coding.classification</c>): every time entry classified by the coding standard, with the miscoded ones counted by reason.</summary>
public sealed class ClassificationReportAction : ArtefactAction
{
    public override string Name => "coding.classification";

    protected override string FileName => "time-entry-classification.json";

    public override IReadOnlyList<string> Controls => [EvidenceControls.OutputValidation, EvidenceControls.BillingValidation];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var catalogs = services.GetRequiredService<CatalogStore>();
        var snapshot = await services.GetRequiredService<BillingDataStore>().LoadSnapshotAsync(cancellationToken)
            ?? throw new InvalidOperationException("There is no PSA data to classify yet: sync ConnectWise or import an export folder first.");
        var standard = await catalogs.LatestCodingStandardAsync(cancellationToken)
            ?? throw new InvalidOperationException("There is no coding standard yet.");
        var classifier = new TimeEntryClassifier(standard, snapshot, await catalogs.LoadCatalogAsync(cancellationToken));
        var results = snapshot.TimeEntries.Select(classifier.Classify).ToList();
        var miscoded = results.Where(r => r.IsMiscoded).ToList();
        var report = new
        {
            codingStandardVersion = standard.Version.Number,
            entries = results.Count,
            byClassification = results.GroupBy(r => r.Classification.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            miscoded = miscoded.Count,
            miscodedByReason = miscoded.SelectMany(r => r.Reasons).GroupBy(r => r).OrderByDescending(g => g.Count()).Take(20).ToDictionary(g => g.Key, g => g.Count()),
            miscodedEntryIds = miscoded.Select(r => r.TimeEntryId).Take(500).ToList(),
        };
        return (report, "/api/time-entries/classification?miscodedOnly=true", new JsonObject { ["entries"] = results.Count, ["miscoded"] = miscoded.Count });
    }
}
