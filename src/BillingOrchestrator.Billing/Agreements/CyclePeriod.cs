namespace BillingOrchestrator.Billing.Agreements;

/// <summary>One application cycle of an agreement: [<see cref="Start"/>, <see cref="End"/>).</summary>
public readonly record struct CyclePeriod(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>
    /// The cycle containing <paramref name="date"/>. Calendar cycles follow the calendar (weeks start on Sunday, as in
    /// ConnectWise); contract cycles count from the agreement's start date.
    /// </summary>
    public static CyclePeriod Containing(ApplicationCycle cycle, DateOnly agreementStart, DateOnly date)
    {
        switch (cycle)
        {
            case ApplicationCycle.CalendarWeek:
                var sunday = date.AddDays(-(int)date.DayOfWeek);
                return new(sunday, sunday.AddDays(7));
            case ApplicationCycle.CalendarMonth:
                var month = new DateOnly(date.Year, date.Month, 1);
                return new(month, month.AddMonths(1));
            case ApplicationCycle.CalendarQuarter:
                var quarter = new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1);
                return new(quarter, quarter.AddMonths(3));
            case ApplicationCycle.CalendarYear:
                return new(new DateOnly(date.Year, 1, 1), new DateOnly(date.Year + 1, 1, 1));
            case ApplicationCycle.Contract2Weeks:
                return ByDays(agreementStart, date, 14);
            case ApplicationCycle.Contract4Weeks:
                return ByDays(agreementStart, date, 28);
            case ApplicationCycle.ContractQuarter:
                return ByMonths(agreementStart, date, 3);
            case ApplicationCycle.ContractYear:
                return ByMonths(agreementStart, date, 12);
            default:
                throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null);
        }
    }

    private static CyclePeriod ByDays(DateOnly anchor, DateOnly date, int days)
    {
        var offset = date.DayNumber - anchor.DayNumber;
        var index = offset >= 0 ? offset / days : ((offset + 1) / days) - 1;
        var start = anchor.AddDays(index * days);
        return new(start, start.AddDays(days));
    }

    private static CyclePeriod ByMonths(DateOnly anchor, DateOnly date, int months)
    {
        var elapsed = ((date.Year - anchor.Year) * 12) + date.Month - anchor.Month;
        if (date.Day < anchor.Day)
        {
            elapsed--;
        }

        var index = elapsed >= 0 ? elapsed / months : ((elapsed + 1) / months) - 1;
        var start = anchor.AddMonths(index * months);
        while (start > date)
        {
            start = start.AddMonths(-months);
        }

        while (start.AddMonths(months) <= date)
        {
            start = start.AddMonths(months);
        }

        return new(start, start.AddMonths(months));
    }
}
