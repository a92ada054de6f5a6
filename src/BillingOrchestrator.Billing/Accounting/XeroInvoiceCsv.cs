namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// Xero's sales invoice import template (Business, Invoices, Import): the template's columns in its order, the required
/// ones starred as Xero writes them, one row per line and rows of one invoice sharing <c>*InvoiceNumber</c>. Address
/// columns are left empty (Xero keeps the contact's own); <c>Reference</c> names the batch.
/// </summary>
public static class XeroInvoiceCsv
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4", "POCity", "PORegion", "POPostalCode", "POCountry",
        "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode", "*TaxType",
        "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme",
    ];

    public static string Write(AccountingBatch batch, AccountingFormatOptions options) =>
        InvoiceCsv.Write(batch, options, Headers, options.XeroDateFormat, (number, line, date, due) =>
        {
            var (trackingName, trackingOption) = line.ServiceLine is { Length: > 0 } serviceLine ? ("Service line", serviceLine) : ("", "");
            return
            [
                CsvCell.Text(line.Customer), "", "", "", "", "", "", "", "", "",
                CsvCell.Text(number), CsvCell.Text($"Batch {batch.BatchId}"), date, due, "", InvoiceCsv.Description(line),
                "1", CsvCell.Money(line.Amount), "", CsvCell.Text(options.XeroAccountCode), CsvCell.Text(options.XeroTaxType),
                CsvCell.Text(trackingName), CsvCell.Text(trackingOption), "", "", Money.Currency, "",
            ];
        });
}
