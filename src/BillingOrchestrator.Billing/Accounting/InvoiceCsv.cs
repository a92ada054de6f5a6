using System.Text;

namespace BillingOrchestrator.Billing.Accounting;

/// <summary>What the invoice imports share: a header row, then one row per line of each customer's invoice.</summary>
internal static class InvoiceCsv
{
    /// <summary>A row for one line, given the invoice number and the formatted invoice and due dates.</summary>
    public delegate IEnumerable<string> LineRow(string invoiceNumber, AccountingLine line, string date, string due);

    public static string Write(AccountingBatch batch, AccountingFormatOptions options, IReadOnlyList<string> headers, string dateFormat, LineRow row)
    {
        var text = new StringBuilder().Row(headers);
        var date = CsvCell.Date(batch.Date, dateFormat);
        var due = CsvCell.Date(batch.Date.AddDays(options.PaymentTermsDays), dateFormat);
        foreach (var (number, lines) in batch.Invoices(options.InvoicePrefix))
        {
            foreach (var line in lines)
            {
                text.Row(row(number, line, date, due));
            }
        }

        return text.ToString();
    }

    /// <summary>The line's description: what was found and where it came from.</summary>
    public static string Description(AccountingLine line) => CsvCell.Text($"{line.Category}: {line.Message} ({line.SourceText})");
}
