namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.RoleRateNotApplied"/>: chargeable time billed at the work role's standard rate where the
/// rules in force set a higher rate for the role (a negotiated or agreement work-role rate).
/// </summary>
public sealed class RoleRateNotAppliedCheck() : RateCheck(
    LeakageChecks.RoleRateNotApplied,
    RateShortfall.RoleRate,
    "Time was billed at the role's standard rate although the agreement's rules set a higher rate for that role. The difference on the billed hours is lost.")
{
    private protected override string Why(CheckContext context, int entry)
    {
        var role = context.WorkRoleById(context.Entries[entry].WorkRoleId);
        return $"is {role?.Name ?? "work"} with a special role rate of {context.ScopeOf(entry).Rates.RoleRate(role!)}/h";
    }
}
