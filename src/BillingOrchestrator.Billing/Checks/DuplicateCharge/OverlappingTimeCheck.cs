using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.OverlappingTime"/>: an entry of a technician starting before the latest-ending earlier
/// entry of the same technician has ended, by more than the tolerance. Exact repeats are left to
/// <see cref="IdenticalEntriesCheck"/>. The overlap, at the later entry's rate when that entry is billable, is at risk.
/// </summary>
public sealed class OverlappingTimeCheck() : BillingCheck(
    LeakageChecks.OverlappingTime,
    Severity.High,
    SuggestedDisposition.FixInPsa,
    "A technician has two time entries covering the same minutes: one person cannot work two places at once, so the overlap is charged twice. The overlapping hours at the rate on the later entry are at risk.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var order = context.ByMember;
        var tolerance = context.Options.OverlapToleranceMinutes * TimeSpan.TicksPerMinute;
        for (var m = 0; m < context.Members.Length; m++)
        {
            var latest = -1;
            var latestEnd = long.MinValue;
            for (var p = context.MemberFirst[m]; p < context.MemberFirst[m + 1]; p++)
            {
                var end = context.ByMemberEnd[p];
                if (latest >= 0)
                {
                    var overlap = Math.Min(latestEnd, end) - context.ByMemberStart[p];
                    if (overlap > tolerance && !IdenticalEntriesCheck.AreIdentical(context.Entries[latest], context.Entries[order[p]]))
                    {
                        Overlap(context, sink, latest, order[p], new Hours(overlap / (decimal)TimeSpan.TicksPerHour));
                    }
                }

                if (latest < 0 || end > latestEnd)
                {
                    latest = order[p];
                    latestEnd = end;
                }
            }
        }
    }

    private void Overlap(CheckContext context, FindingSink sink, int earlier, int later, Hours overlap)
    {
        if (!InScope(context, sink, later))
        {
            return;
        }

        var entry = context.Entries[later];
        var rate = context.BillRate(later);
        var billable = entry.BillableOption == BillableOption.Billable;
        ReportEntry(
            context,
            sink,
            later,
            overlap,
            billable ? rate * overlap : Money.Zero,
            $"{context.Describe(later)} overlaps {context.Describe(earlier)} by {overlap}; the same technician's time is charged twice{(billable ? $" at {rate}/h" : "")}.",
            CheckContext.EntryRef(context.Entries[earlier]));
    }
}
