using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.UnbilledOverage"/>: in an application cycle of an agreement with a limited allowance, the
/// usage applied to the agreement (hours, amount or incidents) went past the included quantity and reached the
/// catalog's overage trigger, and the trigger says to bill the excess (or block it until approved) rather than warn.
/// Overage that was billed never shows: ConnectWise applies only the included part and bills the rest. The rules in
/// force at the start of the cycle decide the allowance, the trigger and the overage rate; outside the catalog the
/// agreement's own limit applies, billed at the entries' rates when it allows overruns and blocked when it does not.
/// </summary>
public sealed class UnbilledOverageCheck() : BillingCheck(
    LeakageChecks.UnbilledOverage,
    Severity.High,
    SuggestedDisposition.Bill,
    "The agreement's included hours (or amount, or incidents) for the cycle were used up and the agreement kept absorbing work instead of billing the overage, and nobody approved that. The excess is valued at the overage rate in the catalog, or the rate on each entry where the catalog sets none.",
    ControlIds.ExceptionApprovals)
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var byAgreement = CoveredEntriesByAgreement(context, out var first);
        var cycle = new List<(int CycleStart, int Entry)>();
        for (var a = 0; a < context.Agreements.Length; a++)
        {
            var agreement = context.Agreements[a];
            if (first[a] == first[a + 1] || !sink.Includes(agreement.CompanyId, agreement.Id) || !CanOverrun(context, a))
            {
                continue;
            }

            cycle.Clear();
            for (var p = first[a]; p < first[a + 1]; p++)
            {
                var i = byAgreement[p];
                var allowance = AllowanceOf(context.ScopeOf(i), agreement);
                if (!allowance.IsUnlimited)
                {
                    var period = CyclePeriod.Containing(allowance.Cycle, agreement.StartDate, DateOnly.FromDayNumber(context.Facts[i].Day));
                    cycle.Add((period.Start.DayNumber, i));
                }
            }

            // Group by cycle (entry order within a cycle is kept); only a cycle past its limit needs the time order.
            cycle.Sort((x, y) => x.CycleStart != y.CycleStart ? x.CycleStart.CompareTo(y.CycleStart) : x.Entry.CompareTo(y.Entry));
            var start = 0;
            while (start < cycle.Count)
            {
                var end = start + 1;
                while (end < cycle.Count && cycle[end].CycleStart == cycle[start].CycleStart)
                {
                    end++;
                }

                if (MayExceed(context, a, cycle, start, end))
                {
                    cycle.Sort(start, end - start, Comparer<(int CycleStart, int Entry)>.Create((x, y) => Compare(context, x.Entry, y.Entry)));
                    Cycle(context, sink, a, cycle, start, end);
                }

                start = end;
            }
        }
    }

    /// <summary>Whether some rules of the agreement limit its allowance and do more than warn past it.</summary>
    private static bool CanOverrun(CheckContext context, int a)
    {
        var agreement = context.Agreements[a];
        foreach (var scope in context.ScopesOf(a))
        {
            if (!AllowanceOf(scope, agreement).IsUnlimited && TriggerOf(scope, agreement).Action != OverageAction.Warn)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A cheap upper bound: applied hours (or entries, for incidents) past the limit; amounts are always walked.</summary>
    private static bool MayExceed(CheckContext context, int a, List<(int CycleStart, int Entry)> cycle, int start, int end)
    {
        var agreement = context.Agreements[a];
        var scope = context.Scopes[context.ScopeAt(a, cycle[start].CycleStart)];
        var allowance = AllowanceOf(scope, agreement);
        if (allowance.Quantity is not { } limit || TriggerOf(scope, agreement).Action == OverageAction.Warn)
        {
            return false;
        }

        if (allowance.Units == ApplicationUnits.Amount)
        {
            return true;
        }

        if (allowance.Units == ApplicationUnits.Incidents)
        {
            return end - start > limit;
        }

        var used = 0m;
        for (var k = start; k < end; k++)
        {
            used += context.Entries[cycle[k].Entry].AgreementHours.Value;
        }

        return used > limit;
    }

    private static Allowance AllowanceOf(RuleScope scope, Agreement agreement) => scope.Rules?.Included ?? Allowance.FromAgreement(agreement);

    private static OverageTrigger TriggerOf(RuleScope scope, Agreement agreement) =>
        scope.Rules?.Overage ?? new OverageTrigger(100m, agreement.AllowOverruns ? OverageAction.BillAtOverageRate : OverageAction.Block);

    private static int Compare(CheckContext context, int x, int y)
    {
        var byStart = context.Entries[x].TimeStart.CompareTo(context.Entries[y].TimeStart);
        return byStart != 0 ? byStart : context.Entries[x].Id.CompareTo(context.Entries[y].Id);
    }

    private void Cycle(CheckContext context, FindingSink sink, int a, List<(int CycleStart, int Entry)> cycle, int start, int end)
    {
        var agreement = context.Agreements[a];
        var cycleStart = cycle[start].CycleStart;
        var scope = context.Scopes[context.ScopeAt(a, cycleStart)];
        var allowance = AllowanceOf(scope, agreement);
        var trigger = TriggerOf(scope, agreement);
        if (allowance.Quantity is not { } limit || trigger.Action == OverageAction.Warn)
        {
            return;
        }

        var used = 0m;
        var overageHours = Hours.Zero;
        var amount = Money.Zero;
        var records = new List<SourceRef> { new(EntityKind.Agreement, agreement.Id) };
        var ids = new List<int>();
        var incidents = new HashSet<long>();
        var overLimitIncidents = new HashSet<long>();
        for (var k = start; k < end; k++)
        {
            var i = cycle[k].Entry;
            var entry = context.Entries[i];
            var rate = context.BillRate(i);
            Hours hours;
            if (allowance.Units == ApplicationUnits.Incidents)
            {
                // An incident is a ticket; time on no ticket is an incident of its own.
                var incident = entry.TicketId is { } ticket ? ticket : -1L - entry.Id;
                if (incidents.Add(incident) && ++used > limit)
                {
                    overLimitIncidents.Add(incident);
                }

                hours = overLimitIncidents.Contains(incident) ? entry.AgreementHours : Hours.Zero;
            }
            else
            {
                var usage = allowance.Units == ApplicationUnits.Amount ? (rate * entry.AgreementHours).Amount : entry.AgreementHours.Value;
                var before = used;
                used += usage;
                var beyond = Math.Max(0m, used - Math.Max(before, limit));
                hours = beyond <= 0m ? Hours.Zero
                    : allowance.Units == ApplicationUnits.Hours || beyond == usage
                    ? new Hours(allowance.Units == ApplicationUnits.Hours ? beyond : entry.AgreementHours.Value)
                    : new Hours(entry.AgreementHours.Value * beyond / usage);
            }

            if (hours <= Hours.Zero)
            {
                continue;
            }

            overageHours += hours;
            amount += allowance.Units == ApplicationUnits.Amount ? rate * hours : (trigger.OverageRate ?? rate) * hours;
            records.Add(CheckContext.EntryRef(entry));
            ids.Add(entry.Id);
        }

        if (used <= limit || !trigger.IsReached(used, limit) || overageHours <= Hours.Zero)
        {
            return;
        }

        var units = allowance.Units switch { ApplicationUnits.Amount => "USD", ApplicationUnits.Incidents => "incidents", _ => "h" };
        var label = scope.Rules?.VersionLabel ?? "the agreement's own limit";
        var rateText = trigger.OverageRate is { } overageRate ? $"at {overageRate}/h" : "at the entries' rates";
        var what = trigger.Action == OverageAction.Block ? "should have been blocked until approved; none is on record" : $"was neither billed nor approved; {label} bills it {rateText}";
        Report(
            sink,
            agreement.CompanyId,
            agreement.Id,
            null,
            records,
            ids,
            overageHours,
            amount,
            $"{agreement.Name} includes {limit} {units} per {allowance.Cycle} cycle; {used} {units} were applied in the cycle from {DateOnly.FromDayNumber(cycleStart):yyyy-MM-dd}. The {overageHours} overage {what}.");
    }

    /// <summary>Positions of covered entries with a known agreement, grouped by agreement (counting sort, so in entry order).</summary>
    private static int[] CoveredEntriesByAgreement(CheckContext context, out int[] first)
    {
        var facts = context.Facts;
        first = new int[context.Agreements.Length + 1];
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Covered) != 0 && facts[i].Agreement >= 0)
            {
                first[facts[i].Agreement + 1]++;
            }
        }

        for (var a = 0; a < context.Agreements.Length; a++)
        {
            first[a + 1] += first[a];
        }

        var next = (int[])first.Clone();
        var order = new int[first[^1]];
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Covered) != 0 && facts[i].Agreement >= 0)
            {
                order[next[facts[i].Agreement]++] = i;
            }
        }

        return order;
    }
}
