namespace BillingOrchestrator.Web.Scheduling;

/// <summary>Quartz cron cannot say "first business day of the month"; this decides it for a weekday trigger.</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly date, IReadOnlyCollection<DateOnly> holidays) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    public static DateOnly FirstOfMonth(int year, int month, IReadOnlyCollection<DateOnly> holidays)
    {
        var day = new DateOnly(year, month, 1);
        while (!IsBusinessDay(day, holidays))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static bool IsFirstOfMonth(DateOnly date, IReadOnlyCollection<DateOnly> holidays) =>
        FirstOfMonth(date.Year, date.Month, holidays) == date;
}
