namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.ExcludedWorkCovered"/>: hours applied to an agreement that covers time, on a date in its
/// term, although its rules exclude (or do not list) the entry's work type or role.
/// </summary>
public sealed class ExcludedWorkCoveredCheck() : BillingCheck(
    LeakageChecks.ExcludedWorkCovered,
    Severity.High,
    SuggestedDisposition.Bill,
    "Work the agreement does not cover (an excluded work type or role) was absorbed by the agreement instead of being billed. The hours are valued at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Covered) == 0 || facts[i].Coverage != CoverageFact.Excluded || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var rate = context.BillRate(i);
            var reason = context.ScopeOf(i).Rules?.CoverageOf(entry.WorkTypeId, entry.WorkRoleId, DateOnly.FromDayNumber(facts[i].Day)).Reason
                ?? "the agreement excludes its work type or role";
            ReportEntry(
                context,
                sink,
                i,
                entry.AgreementHours,
                rate * entry.AgreementHours,
                $"{context.Describe(i)} was applied to {context.AgreementName(facts[i].Agreement)}, but {reason}; bill {entry.AgreementHours} at {rate}/h.");
        }
    }
}
