namespace BillingOrchestrator.Billing.Agreements;

/// <summary>A ConnectWise agreement type (<c>/finance/agreementTypes</c>); the catalog attaches billing rule sets to it.</summary>
public sealed record AgreementType
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public bool InactiveFlag { get; init; }
}
