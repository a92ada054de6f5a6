using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using BillingOrchestrator.Billing.Accounting;
using Parquet.Serialization;

namespace BillingOrchestrator.Web.Feed;

/// <summary>The feed's entity sets as CSV (RFC 4180, invariant culture, header row) or Parquet files.</summary>
public static class FeedExport
{
    public static string Csv<T>(IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var text = new StringBuilder();
        text.AppendJoin(',', properties.Select(p => CsvCell.Text(p.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', properties.Select(p => Cell(p.GetValue(row)))).Append("\r\n");
        }

        return text.ToString();
    }

    public static async Task<byte[]> ParquetAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    /// <summary>Writes one set by name as <paramref name="format"/> (csv or parquet); null when the set is unknown.</summary>
    public static async Task<(byte[] Content, string ContentType)?> WriteAsync(FeedData data, string set, string format, CancellationToken cancellationToken)
    {
        var csv = format == "csv";
        return set.ToUpperInvariant() switch
        {
            "LEAKAGEFACTS" => csv ? Text(Csv(data.LeakageFacts)) : Parquet(await ParquetAsync(data.LeakageFacts, cancellationToken)),
            "FINDINGS" => csv ? Text(Csv(data.Findings)) : Parquet(await ParquetAsync(data.Findings, cancellationToken)),
            "KPISERIES" => csv ? Text(Csv(data.KpiSeries)) : Parquet(await ParquetAsync(data.KpiSeries, cancellationToken)),
            "AGREEMENTS" => csv ? Text(Csv(data.Agreements)) : Parquet(await ParquetAsync(data.Agreements, cancellationToken)),
            "TIMEENTRIES" => csv ? Text(Csv(data.TimeEntries)) : Parquet(await ParquetAsync(data.TimeEntries, cancellationToken)),
            "EXCEPTIONS" => csv ? Text(Csv(data.Exceptions)) : Parquet(await ParquetAsync(data.Exceptions, cancellationToken)),
            _ => null,
        };
    }

    private static (byte[], string) Text(string csv) => (Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8");

    private static (byte[], string) Parquet(byte[] bytes) => (bytes, "application/vnd.apache.parquet");

    private static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable and not string => throw new NotSupportedException("Feed rows are flat."),
        _ => value.ToString() ?? "",
    };

    // Text may come from users (a disposition reason, a note) and is defused like the accounting exports; numbers and
    // dates are the product's own and stay numbers, so a negative amount is still a number in Power BI and Excel.
    private static string Cell(object? value) => value is string text ? CsvCell.Text(text) : CsvCell.Quoted(Format(value));
}
