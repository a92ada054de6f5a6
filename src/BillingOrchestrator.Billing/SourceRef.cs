namespace BillingOrchestrator.Billing;

/// <summary>Points at one ConnectWise record; the link to the record in PSA is built elsewhere from kind and id.</summary>
public sealed record SourceRef(EntityKind Kind, int Id)
{
    public override string ToString() => $"{Kind}#{Id}";
}
