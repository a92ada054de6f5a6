namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// QuickBooks Online's invoice import (Settings, Import data, Invoices): one row per invoice line, rows of one invoice
/// sharing <c>InvoiceNo</c>, headers named as QuickBooks maps them without manual mapping. Each line's description names
/// the exception, its agreement and the ConnectWise record.
/// </summary>
public static class QuickBooksInvoiceCsv
{
    public static readonly IReadOnlyList<string> Headers =
        ["InvoiceNo", "Customer", "InvoiceDate", "DueDate", "Terms", "Memo", "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "ItemAmount", "Service Date"];

    public static string Write(AccountingBatch batch, AccountingFormatOptions options) =>
        InvoiceCsv.Write(batch, options, Headers, options.QuickBooksDateFormat, (number, line, date, due) =>
        [
            CsvCell.Text(number), CsvCell.Text(line.Customer), date, due, CsvCell.Text(options.QuickBooksTerms), CsvCell.Text($"BillingOrchestrator invoice batch {batch.BatchId}"),
            CsvCell.Text(options.QuickBooksItem), InvoiceCsv.Description(line), "1", CsvCell.Money(line.Amount), CsvCell.Money(line.Amount), date,
        ]);
}
