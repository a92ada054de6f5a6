using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Kpis;

/// <summary>
/// Measures the KPIs now: the stored PSA data, validated with the configured thresholds, through the calculator.
/// Every finding of that validation counts as a confirmed error.
/// </summary>
public sealed class KpiMeasurement(BillingDataStore data, CatalogStore catalogs, IOptions<ValidationOptions> options)
{
    public async Task<MeasuredData> MeasureAsync(CancellationToken cancellationToken)
    {
        var snapshot = await data.LoadSnapshotAsync(cancellationToken)
            ?? throw new WorkflowConflictException("There is no PSA data to measure yet: sync ConnectWise or import an export folder first.");
        var standard = await catalogs.LatestCodingStandardAsync(cancellationToken)
            ?? throw new WorkflowConflictException("There is no coding standard yet: the KPIs count validation findings, which need one.");
        var catalog = await catalogs.LoadCatalogAsync(cancellationToken);
        var result = Validator.Run(snapshot, catalog, standard, options.Value);
        return new MeasuredData(snapshot, result.Findings, KpiCalculator.Compute(snapshot, result.Findings));
    }
}

/// <summary>The data a measurement read, the findings it counted and the KPIs it gave.</summary>
public sealed record MeasuredData(BillingSnapshot Snapshot, IReadOnlyList<Finding> Findings, KpiReport Report);
