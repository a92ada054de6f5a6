namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// How the accounting files are written (the <c>Accounting</c> configuration section): the names and codes must match
/// the ones set up in the MSP's QuickBooks Online or Xero company, so an import maps without edits.
/// </summary>
public sealed class AccountingFormatOptions
{
    /// <summary>Invoice numbers are the prefix, the batch's short id and a counter: at most 21 characters, as QuickBooks allows.</summary>
    public string InvoicePrefix { get; set; } = "BO-";

    public int PaymentTermsDays { get; set; } = 30;

    /// <summary>QuickBooks Online's <c>Terms</c> name.</summary>
    public string QuickBooksTerms { get; set; } = "Net 30";

    /// <summary>QuickBooks Online's <c>Item(Product/Service)</c> the lines are booked to.</summary>
    public string QuickBooksItem { get; set; } = "Services";

    /// <summary>QuickBooks Online's import reads dates in the company's format; US companies use MM/dd/yyyy.</summary>
    public string QuickBooksDateFormat { get; set; } = "MM/dd/yyyy";

    /// <summary>Xero's sales account code for the lines (200 "Sales" in Xero's default chart).</summary>
    public string XeroAccountCode { get; set; } = "200";

    /// <summary>Xero's tax rate display name, exactly as set up in the organisation.</summary>
    public string XeroTaxType { get; set; } = "Tax Exempt";

    /// <summary>Xero reads dates in the organisation's regional format; US organisations use MM/dd/yyyy.</summary>
    public string XeroDateFormat { get; set; } = "MM/dd/yyyy";

    /// <summary>The journal debits write-offs to this account ...</summary>
    public string WriteOffDebitAccount { get; set; } = "Billing write-offs";

    /// <summary>... and credits this one (unbilled labour that will not be invoiced).</summary>
    public string WriteOffCreditAccount { get; set; } = "Unbilled revenue";

    public string JournalDateFormat { get; set; } = "yyyy-MM-dd";

    public IEnumerable<(string Field, string Reason)> Problems()
    {
        if (string.IsNullOrWhiteSpace(InvoicePrefix) || InvoicePrefix.Length > 8)
        {
            yield return ("Accounting:InvoicePrefix", "required, at most 8 characters (QuickBooks invoice numbers hold 21)");
        }

        if (PaymentTermsDays is < 0 or > 365)
        {
            yield return ("Accounting:PaymentTermsDays", "0 to 365");
        }

        foreach (var (field, value) in new[]
        {
            ("Accounting:QuickBooksItem", QuickBooksItem), ("Accounting:XeroAccountCode", XeroAccountCode), ("Accounting:XeroTaxType", XeroTaxType),
            ("Accounting:WriteOffDebitAccount", WriteOffDebitAccount), ("Accounting:WriteOffCreditAccount", WriteOffCreditAccount),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return (field, "required");
            }
        }

        foreach (var (field, format) in new[] { ("Accounting:QuickBooksDateFormat", QuickBooksDateFormat), ("Accounting:XeroDateFormat", XeroDateFormat), ("Accounting:JournalDateFormat", JournalDateFormat) })
        {
            if (!IsDateFormat(format))
            {
                yield return (field, "a date format such as MM/dd/yyyy, dd/MM/yyyy or yyyy-MM-dd");
            }
        }
    }

    private static bool IsDateFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return false;
        }

        var sample = new DateOnly(1999, 12, 31);
        var text = sample.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return DateOnly.TryParseExact(text, format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var back) && back == sample;
    }
}
