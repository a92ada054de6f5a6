namespace BillingOrchestrator.Billing.Psa;

/// <summary>A ConnectWise company (<c>/company/companies</c>): a customer, or the MSP itself.</summary>
public sealed record Company
{
    public required int Id { get; init; }

    /// <summary>ConnectWise <c>identifier</c>, the short code shown in PSA.</summary>
    public required string Identifier { get; init; }

    public required string Name { get; init; }
}
