using System.Globalization;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>Reads typed values from one record, adding a problem (file, row, column, reason) for every value it cannot read.</summary>
internal sealed class CsvRow(string file, CsvRecord record, CsvHeader header, TimeZoneInfo timeZone, List<ImportProblem> problems)
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "M/d/yyyy", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
    ];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    private static readonly string[] TimeOfDayFormats = ["h:mm tt", "h:mm:ss tt", "H:mm", "H:mm:ss", "h:mmtt"];

    public int Number => record.Row;

    public int ProblemCount => problems.Count;

    public void Problem(CsvColumn column, string reason) => problems.Add(new ImportProblem(file, record.Row, header.NameOf(column), reason));

    /// <summary>The trimmed value, or null when the column is absent or the cell empty.</summary>
    public string? Text(CsvColumn column)
    {
        var index = header.IndexOf(column);
        if (index < 0 || index >= record.Fields.Count)
        {
            return null;
        }

        var value = record.Fields[index].Trim();
        return value.Length == 0 ? null : value;
    }

    public string? RequiredText(CsvColumn column)
    {
        var value = Text(column);
        if (value is null)
        {
            Problem(column, "is required");
        }

        return value;
    }

    public int? Id(CsvColumn column, bool required)
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        Problem(column, $"\"{text}\" is not a positive whole number");
        return null;
    }

    public decimal? Decimal(CsvColumn column, bool allowNegative = false)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        var cleaned = text.Replace("$", "", StringComparison.Ordinal).Trim();
        if (decimal.TryParse(cleaned, NumberStyles.Number | NumberStyles.AllowParentheses, CultureInfo.InvariantCulture, out var value))
        {
            if (value < 0 && !allowNegative)
            {
                Problem(column, $"{text} is negative");
                return null;
            }

            return value;
        }

        Problem(column, $"\"{text}\" is not a number (use a dot for decimals, for example 1.25)");
        return null;
    }

    public bool? Bool(CsvColumn column)
    {
        var text = Text(column);
        switch (text?.ToUpperInvariant())
        {
            case null:
                return null;
            case "TRUE" or "YES" or "Y" or "1":
                return true;
            case "FALSE" or "NO" or "N" or "0":
                return false;
            default:
                Problem(column, $"\"{text}\" is not true/false (or yes/no, 1/0)");
                return null;
        }
    }

    /// <summary>One of <paramref name="allowed"/>, matched ignoring case and spaces ("Do Not Bill" is <c>DoNotBill</c>).</summary>
    public string? Choice(CsvColumn column, IReadOnlyList<string> allowed, bool required)
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        var squeezed = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var match = allowed.FirstOrDefault(a => a.Equals(squeezed, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Problem(column, $"\"{text}\" is not one of {string.Join(", ", allowed)}");
        }

        return match;
    }

    /// <summary>
    /// A date and time. ISO 8601 with an offset or <c>Z</c> is taken as is; without one (and US <c>M/d/yyyy h:mm tt</c>)
    /// it is read in the importer's time zone. Returned in UTC.
    /// </summary>
    public DateTimeOffset? DateTime(CsvColumn column, bool required)
    {
        var text = required ? RequiredText(column) : Text(column);
        return text is null ? null : ParseDateTime(column, text);
    }

    /// <summary>
    /// A date from <paramref name="dateColumn"/> with the time of day from <paramref name="timeColumn"/> (ConnectWise's
    /// "Date Start" + "Time Start"), or a full date and time in <paramref name="timeColumn"/> alone.
    /// </summary>
    public DateTimeOffset? DateAndTime(CsvColumn dateColumn, CsvColumn timeColumn, bool required)
    {
        var date = Text(dateColumn);
        var time = Text(timeColumn);
        if (time is null)
        {
            if (!required)
            {
                return null;
            }

            if (date is null)
            {
                Problem(timeColumn, $"is required (a date and time, or a time of day with \"{dateColumn.Display}\")");
                return null;
            }

            return ParseDateTime(dateColumn, date);
        }

        if (TryParseDateTime(time, out var full))
        {
            return full;
        }

        if (!System.DateTime.TryParseExact(time, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var clock))
        {
            Problem(timeColumn, $"\"{time}\" is not a time of day such as 9:30 AM or 14:00, nor a date and time");
            return null;
        }

        if (date is null)
        {
            Problem(dateColumn, $"is required when \"{header.NameOf(timeColumn)}\" holds only a time of day");
            return null;
        }

        if (!System.DateTime.TryParseExact(date, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var day))
        {
            Problem(dateColumn, $"\"{date}\" is not a date such as 2026-10-01 or 10/1/2026");
            return null;
        }

        return Local(day.Date + clock.TimeOfDay);
    }

    /// <summary>Whether the cell holds only a time of day (no date).</summary>
    public bool IsTimeOfDay(CsvColumn column) =>
        Text(column) is { } text && !TryParseDateTime(text, out _)
        && System.DateTime.TryParseExact(text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _);

    private DateTimeOffset? ParseDateTime(CsvColumn column, string text)
    {
        if (TryParseDateTime(text, out var value))
        {
            return value;
        }

        Problem(column, $"\"{text}\" is not a date such as 2026-10-01T09:30:00Z, 2026-10-01 09:30 or 10/1/2026 9:30 AM");
        return null;
    }

    private bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        if (HasOffset(text) && DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
        {
            value = withOffset.ToUniversalTime();
            return true;
        }

        if (System.DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            value = Local(local);
            return true;
        }

        value = default;
        return false;
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        return t > 0 && (text.EndsWith('Z') || text.IndexOfAny(['+', '-'], t) > 0);
    }

    private DateTimeOffset Local(DateTime local)
    {
        var unspecified = System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, timeZone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
