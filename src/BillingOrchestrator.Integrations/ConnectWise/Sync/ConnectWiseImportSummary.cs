using BillingOrchestrator.Billing;

namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>What an import stored: the source label the store was given and how many records of each kind replaced what it held.</summary>
public sealed record ConnectWiseImportSummary(string Source, IReadOnlyDictionary<EntityKind, int> Counts)
{
    public int Total => Counts.Values.Sum();
}
