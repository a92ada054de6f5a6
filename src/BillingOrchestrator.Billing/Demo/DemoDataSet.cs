using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>A generated MSP: ConnectWise data, the catalog and coding standard it follows, and the leakage injected into it.</summary>
public sealed record DemoDataSet(BillingSnapshot Snapshot, AgreementCatalog Catalog, CodingStandard CodingStandard, GroundTruth GroundTruth)
{
    /// <summary>Writes <c>snapshot.json</c>, <c>catalog.json</c>, <c>coding-standard.json</c> and <c>ground-truth.json</c> into <paramref name="directory"/>.</summary>
    public async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await Write(Path.Combine(directory, "snapshot.json"), Snapshot, cancellationToken).ConfigureAwait(false);
        var catalog = new { ruleSets = Catalog.RuleSets.ToList(), overrides = Catalog.Overrides.ToList(), owners = Catalog.Owners };
        await Write(Path.Combine(directory, "catalog.json"), catalog, cancellationToken).ConfigureAwait(false);
        await Write(Path.Combine(directory, "coding-standard.json"), new { version = CodingStandard.Version, rules = CodingStandard.Rules }, cancellationToken).ConfigureAwait(false);
        await Write(Path.Combine(directory, "ground-truth.json"), GroundTruth, cancellationToken).ConfigureAwait(false);
    }

    private static async Task Write<T>(string path, T value, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await BillingJson.WriteAsync(stream, value, cancellationToken).ConfigureAwait(false);
        }
    }
}
