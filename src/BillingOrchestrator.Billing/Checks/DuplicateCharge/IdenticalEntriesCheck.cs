using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.IdenticalEntries"/>: two entries identical in technician, what they are charged to, start,
/// end and notes. Each repeat is reported against the first entry; the repeat's charge is the money at risk.
/// </summary>
public sealed class IdenticalEntriesCheck() : BillingCheck(
    LeakageChecks.IdenticalEntries,
    Severity.High,
    SuggestedDisposition.FixInPsa,
    "The same time entry was logged twice (same technician, ticket, start, end and notes): the customer is billed twice for one piece of work. The repeat's charge at the rate on the entry is at risk.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var order = context.ByMember;
        for (var m = 0; m < context.Members.Length; m++)
        {
            var end = context.MemberFirst[m + 1];
            var p = context.MemberFirst[m];
            while (p < end)
            {
                var runEnd = p + 1;
                while (runEnd < end && context.ByMemberStart[runEnd] == context.ByMemberStart[p])
                {
                    runEnd++;
                }

                for (var y = p + 1; y < runEnd; y++)
                {
                    for (var x = p; x < y; x++)
                    {
                        if (AreIdentical(context.Entries[order[x]], context.Entries[order[y]]))
                        {
                            ReportRepeat(context, sink, order[x], order[y]);
                            break;
                        }
                    }
                }

                p = runEnd;
            }
        }
    }

    /// <summary>Same technician, same charge target, same times and the same notes.</summary>
    internal static bool AreIdentical(TimeEntry a, TimeEntry b) =>
        a.MemberId == b.MemberId
        && a.ChargeToType == b.ChargeToType
        && a.ChargeToId == b.ChargeToId
        && a.TimeStart == b.TimeStart
        && a.TimeEnd == b.TimeEnd
        && string.Equals(a.Notes, b.Notes, StringComparison.Ordinal);

    private void ReportRepeat(CheckContext context, FindingSink sink, int first, int repeat)
    {
        if (!InScope(context, sink, repeat))
        {
            return;
        }

        var entry = context.Entries[repeat];
        var rate = context.BillRate(repeat);
        var charged = entry.BillableOption == BillableOption.Billable ? entry.ChargeableHours : Hours.Zero;
        ReportEntry(
            context,
            sink,
            repeat,
            entry.HoursBilled,
            rate * charged,
            $"Entry {entry.Id} repeats {context.Describe(first)} exactly; {charged} charged twice at {rate}/h.",
            CheckContext.EntryRef(context.Entries[first]));
    }
}
