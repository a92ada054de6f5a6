using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Agreements;

/// <summary>A recurring product on an agreement (<c>/finance/agreements/{id}/additions</c>): devices, licences, services.</summary>
public sealed record AgreementAddition
{
    public required int Id { get; init; }

    public required int AgreementId { get; init; }

    /// <summary>The product's ConnectWise <c>identifier</c>.</summary>
    public required string Product { get; init; }

    public required decimal Quantity { get; init; }

    public required Money UnitPrice { get; init; }

    public required Money UnitCost { get; init; }

    /// <summary>ConnectWise <c>billCustomer</c>: only Billable additions appear on the customer's invoice.</summary>
    public required BillableOption BillCustomer { get; init; }

    public DateOnly? EffectiveDate { get; init; }

    public DateOnly? CancelledDate { get; init; }

    /// <summary>ConnectWise <c>extPrice</c>: quantity times unit price, in cents.</summary>
    public Money ExtPrice => (UnitPrice * Quantity).RoundToCents();

    public Money ExtCost => (UnitCost * Quantity).RoundToCents();

    /// <summary>Whether an invoice dated <paramref name="date"/> must bill this addition.</summary>
    public bool IsBillableOn(DateOnly date) =>
        BillCustomer == BillableOption.Billable
        && (EffectiveDate is not { } from || from <= date)
        && (CancelledDate is not { } cancelled || cancelled > date);
}
