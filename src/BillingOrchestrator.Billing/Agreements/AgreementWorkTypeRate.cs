using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Agreements;

/// <summary>An agreement's own rate for a work type (<c>/finance/agreements/{id}/workTypes</c>).</summary>
public sealed record AgreementWorkTypeRate
{
    public required int Id { get; init; }

    public required int WorkTypeId { get; init; }

    public required decimal Rate { get; init; }

    public required RateType RateType { get; init; }

    public BillableOption? BillTime { get; init; }

    /// <summary>ConnectWise <c>overageRate</c> charged once the application limit is used up.</summary>
    public Money? OverageRate { get; init; }
}
