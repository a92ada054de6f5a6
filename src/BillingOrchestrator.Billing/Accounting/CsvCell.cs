using System.Globalization;
using System.Text;

namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// RFC 4180 cells for files a person opens in a spreadsheet: text is quoted when needed and a leading formula
/// character (<c>= + - @</c>, tab, carriage return) is neutralised with an apostrophe, so a reason typed by a user never
/// runs as a formula; amounts are written exactly, invariant culture, two decimals.
/// </summary>
public static class CsvCell
{
    public static string Text(string? value) => Quoted(Defused(value));

    /// <summary>
    /// The value with a leading formula character neutralised by an apostrophe, so a spreadsheet shows it as text; for
    /// any cell a person may open in a spreadsheet (CSV here, XLSX cells in the host).
    /// </summary>
    public static string Defused(string? value)
    {
        value ??= "";
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>RFC 4180 quoting only: for cells the product formatted itself (numbers, dates), which must stay numbers.</summary>
    public static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>An amount in whole cents; an amount with fractions of a cent is refused rather than rounded away.</summary>
    public static string Money(decimal amount) =>
        decimal.Round(amount, 2) == amount
            ? amount.ToString("0.00", CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has fractions of a cent; accounting files carry whole cents.", nameof(amount));

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date, string format) => date.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Appends one row of already formatted cells and a CRLF.</summary>
    public static StringBuilder Row(this StringBuilder text, params IEnumerable<string> cells) => text.AppendJoin(',', cells).Append("\r\n");
}
