namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// The window in which standard rates apply, in the MSP's local time zone (IANA id; "UTC" needs no time zone data).
/// Work starting outside it is after-hours work.
/// </summary>
public sealed class BusinessHours
{
    private readonly TimeZoneInfo _zone;
    private readonly int _dayMask;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessHours(TimeOnly start, TimeOnly end, IReadOnlyList<DayOfWeek> days, string timeZoneId = "UTC", IReadOnlyList<DateOnly>? holidays = null)
    {
        if (end <= start)
        {
            throw new ArgumentException("Business hours must end after they start.", nameof(end));
        }

        Start = start;
        End = end;
        Days = days;
        TimeZoneId = timeZoneId;
        Holidays = holidays ?? [];
        _zone = timeZoneId is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        foreach (var day in days)
        {
            _dayMask |= 1 << (int)day;
        }

        _holidays = [.. Holidays];
    }

    /// <summary>Monday to Friday, 08:00 to 18:00 UTC.</summary>
    public static BusinessHours Standard { get; } = new(
        new TimeOnly(8, 0),
        new TimeOnly(18, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    public TimeOnly Start { get; }

    /// <summary>End of the window (exclusive).</summary>
    public TimeOnly End { get; }

    public IReadOnlyList<DayOfWeek> Days { get; }

    public string TimeZoneId { get; }

    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>Whether work starting at <paramref name="instant"/> starts inside business hours.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var local = ReferenceEquals(_zone, TimeZoneInfo.Utc) ? instant.UtcDateTime : TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
        if ((_dayMask & (1 << (int)local.DayOfWeek)) == 0)
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local);
        return time >= Start && time < End && (_holidays.Count == 0 || !_holidays.Contains(DateOnly.FromDateTime(local)));
    }
}
