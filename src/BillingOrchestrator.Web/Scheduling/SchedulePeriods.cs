using System.Globalization;
using Quartz;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>
/// The period a firing belongs to, as the correlation id of the instance it starts: the latest time the cron
/// expression names at or before the scheduled fire time. A misfire fired late, a recovered firing after a crash, or a
/// second host therefore all name the same period, and only the first starts an instance.
/// </summary>
public static class SchedulePeriods
{
    public static DateTimeOffset PeriodStart(string cron, TimeZoneInfo zone, DateTimeOffset scheduledUtc)
    {
        // Cron resolves whole seconds: the latest firing strictly before the next second is the latest at or before this one.
        var expression = new CronExpression(cron, zone);
        return expression.GetPreviousValidTimeBefore(scheduledUtc.AddSeconds(1)) ?? scheduledUtc;
    }

    public static string CorrelationId(string definitionId, DateTimeOffset periodStartUtc, TimeZoneInfo zone, bool monthly)
    {
        var local = TimeZoneInfo.ConvertTime(periodStartUtc, zone);
        return monthly
            ? $"schedule:{definitionId}:{local.ToString("yyyy-MM", CultureInfo.InvariantCulture)}"
            : $"schedule:{definitionId}:{local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}";
    }

    /// <summary>An IANA (or Windows) zone id; empty means the host's local zone.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = TimeZoneInfo.Local;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out zone!);
    }
}
