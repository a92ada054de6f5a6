namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.RateDiffersFromAgreement"/>: chargeable time billed below the rate its agreement's rules
/// and work role require, for any reason the after-hours and role-rate checks do not explain.
/// </summary>
public sealed class RateDiffersFromAgreementCheck() : RateCheck(
    LeakageChecks.RateDiffersFromAgreement,
    RateShortfall.Other,
    "Time was billed below the hourly rate the agreement and the work role require (a manual discount or a stale rate). The difference on the billed hours is lost.")
{
    private protected override string Why(CheckContext context, int entry) => "is chargeable";
}
