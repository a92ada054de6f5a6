using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Agreements;

/// <summary>An agreement's own rate for a work role (<c>/finance/agreements/{id}/workRoles</c>).</summary>
public sealed record AgreementWorkRoleRate
{
    public required int Id { get; init; }

    public required int WorkRoleId { get; init; }

    public required decimal Rate { get; init; }

    public required RateType RateType { get; init; }

    /// <summary>The hourly rate this agreement charges for the role, given the role's standard rate.</summary>
    public Money ApplyTo(Money roleRate) => RateType.Apply(Rate, roleRate);
}
