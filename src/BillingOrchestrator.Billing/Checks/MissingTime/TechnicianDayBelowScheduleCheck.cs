namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.TechnicianDayBelowSchedule"/>: a working day, between a technician's first and last day
/// with time in the period, on which the hours logged fall short of the daily capacity by the configured percentage.
/// </summary>
public sealed class TechnicianDayBelowScheduleCheck() : BillingCheck(
    LeakageChecks.TechnicianDayBelowSchedule,
    Severity.Low,
    SuggestedDisposition.FixInPsa,
    "A technician logged far fewer hours on a working day than they are scheduled for. Unlogged hours are usually billable work that was never entered; the shortfall is valued at the technician's standard role rate.",
    ControlIds.FinancialTelemetry)
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var ownCompany = context.Snapshot.OwnCompanyId;
        if (!sink.Includes(ownCompany, null))
        {
            return;
        }

        var percent = context.Options.TechnicianDayShortfallPercent;
        var order = context.ByMember;
        for (var m = 0; m < context.Members.Length; m++)
        {
            var member = context.Members[m];
            var (start, end) = (context.MemberFirst[m], context.MemberFirst[m + 1]);
            if (member.DailyCapacity <= Hours.Zero || start == end)
            {
                continue;
            }

            // Only days between the member's first and last time in the period: before and after, they may not have worked here.
            var firstDay = Math.Max(context.PeriodStartDay, (int)(context.ByMemberStart[start] / TimeSpan.TicksPerDay));
            var lastDay = Math.Min(context.PeriodEndDay, (int)(context.ByMemberStart[end - 1] / TimeSpan.TicksPerDay));
            for (var day = firstDay; day <= lastDay; day++)
            {
                var logged = new Hours(context.MemberDayHours[(m * context.PeriodDays) + day - context.PeriodStartDay]);
                var shortfall = member.DailyCapacity - logged;
                if (shortfall.Value * 100m >= member.DailyCapacity.Value * percent && context.IsWorkingDay(day))
                {
                    ShortDay(context, sink, m, start, end, day, logged, shortfall);
                }
            }
        }
    }

    private void ShortDay(CheckContext context, FindingSink sink, int m, int start, int end, int day, Hours logged, Hours shortfall)
    {
        var member = context.Members[m];
        var role = context.WorkRoleById(member.DefaultRoleId);
        var rate = role?.HourlyRate ?? Money.Zero;
        var records = new List<SourceRef> { new(EntityKind.Member, member.Id) };
        var ids = new List<int>();
        for (var p = start; p < end; p++)
        {
            var entry = context.ByMember[p];
            if (context.Facts[entry].Day == day)
            {
                records.Add(CheckContext.EntryRef(context.Entries[entry]));
                ids.Add(context.Entries[entry].Id);
            }
        }

        Report(
            sink,
            context.Snapshot.OwnCompanyId,
            null,
            null,
            records,
            ids,
            shortfall,
            rate * shortfall,
            $"{member.Identifier} logged {logged} on {DateOnly.FromDayNumber(day):yyyy-MM-dd} against a daily capacity of {member.DailyCapacity}; {shortfall} unlogged, valued at the {role?.Name ?? "default role"} rate {rate}/h.");
    }
}
