namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.AfterHoursRateNotApplied"/>: chargeable work started outside the business hours of the
/// rules in force, billed at the business-hours rate (with or without a negotiated role rate).
/// </summary>
public sealed class AfterHoursRateNotAppliedCheck() : RateCheck(
    LeakageChecks.AfterHoursRateNotApplied,
    RateShortfall.AfterHours,
    "Work started outside business hours was billed at the normal rate: the after-hours premium the catalog sets for the agreement was not applied. The difference between the two rates on the billed hours is lost.")
{
    private protected override string Why(CheckContext context, int entry)
    {
        var hours = context.ScopeOf(entry).Rates.BusinessHours;
        return $"started outside business hours ({hours.Start:HH\\:mm}-{hours.End:HH\\:mm} {hours.TimeZoneId})";
    }
}
