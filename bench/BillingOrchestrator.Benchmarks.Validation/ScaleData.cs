using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>The scale demo MSP (about a million entries, 10,000 agreements), generated once per process.</summary>
internal static class ScaleData
{
    private static readonly Lazy<(DemoDataSet Data, string Hash)> Generated = new(() =>
    {
        var data = DemoDataGenerator.Generate(DemoDataOptions.Scale);
        return (data, SnapshotHasher.Compute(data.Snapshot));
    });

    public static DemoDataSet Data => Generated.Value.Data;

    /// <summary>The snapshot's hash, computed once as the host does when it stores a snapshot.</summary>
    public static string Hash => Generated.Value.Hash;

    public static ValidationOptions Options => ValidationOptions.Default with { StaleAfterDays = Data.GroundTruth.StaleAfterDays };
}
