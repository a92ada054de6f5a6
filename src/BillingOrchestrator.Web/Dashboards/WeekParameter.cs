using System.Globalization;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Dashboards;

/// <summary>Reads <c>week</c>: an ISO week (<c>2026-W43</c>) or any date in the week (<c>2026-10-21</c>); weeks start on Monday.</summary>
public static class WeekParameter
{
    public static DateOnly? Parse(string? value, string field = "week")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return LeakageDashboard.WeekOf(date);
        }

        var parts = value.Split("-W", StringSplitOptions.None);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
        {
            return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        }

        throw new WorkflowValidationException(field, "must be an ISO week such as 2026-W43 or a date such as 2026-10-21");
    }
}
