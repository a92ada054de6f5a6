using System.Globalization;
using BillingOrchestrator.Billing.Accounting;

namespace BillingOrchestrator.Billing.Tests.Accounting;

public sealed class AccountingFormatTests
{
    private const string BatchId = "019ab2c3d4e5f60718293a4b5c6d7e8f";
    private static readonly DateOnly Released = new(2026, 11, 25);
    private static readonly AccountingFormatOptions Options = new();

    private static AccountingLine Line(string id, int company, string customer, decimal amount, string message = "Onsite work outside the agreement", string? reason = "billable per agreement", string? serviceLine = "Managed Services") =>
        new(id, company, customer, 7000 + company, serviceLine, "out-of-scope-labor", amount, message, reason, "finance@demo.local", amount > 500 ? "admin@demo.local" : null,
            $"https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries/{company}{id[^1]}", $"/api/validation-runs/r1/findings?companyId={company}#1");

    // Two customers; the names sort against the company ids; amounts that do not add up in binary floating point.
    private static readonly AccountingBatch Batch = new(
        BatchId,
        Released,
        [Line("EX-3", 12, "Zephyr Dental", 0.10m), Line("EX-1", 20, "Acme, Inc.", 1234.56m), Line("EX-2", 12, "Zephyr Dental", 0.20m), Line("EX-4", 20, "Acme, Inc.", 0.07m)],
        [Line("EX-9", 20, "Acme, Inc.", 612.35m, reason: "credit note agreed"), Line("EX-8", 12, "Zephyr Dental", 45.10m, reason: "=HYPERLINK(\"http://evil\")")]);

    [Fact]
    public void QuickBooks_HasTheImportHeaders_OneInvoicePerCustomer_AndExactAmounts()
    {
        var csv = QuickBooksInvoiceCsv.Write(Batch, Options);

        CsvRows.Parse(csv)[0].ShouldBe(["InvoiceNo", "Customer", "InvoiceDate", "DueDate", "Terms", "Memo", "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "ItemAmount", "Service Date"]);
        var rows = CsvRows.Records(csv);
        rows.Select(r => (r["InvoiceNo"], r["Customer"])).ShouldBe(
            [("BO-5c6d7e8f-001", "Acme, Inc."), ("BO-5c6d7e8f-001", "Acme, Inc."), ("BO-5c6d7e8f-002", "Zephyr Dental"), ("BO-5c6d7e8f-002", "Zephyr Dental")]);
        rows.ShouldAllBe(r => r["InvoiceNo"].Length <= 21 && r["InvoiceDate"] == "11/25/2026" && r["DueDate"] == "12/25/2026" && r["Terms"] == "Net 30" && r["Item(Product/Service)"] == "Services");
        rows.Select(r => r["ItemAmount"]).ShouldBe(["1234.56", "0.07", "0.20", "0.10"]);
        rows.ShouldAllBe(r => r["ItemRate"] == r["ItemAmount"] && r["ItemQuantity"] == "1");
        rows.Sum(r => decimal.Parse(r["ItemAmount"], CultureInfo.InvariantCulture)).ShouldBe(1234.93m);
        rows[0]["ItemDescription"].ShouldContain("exception EX-1; agreement 7020; ConnectWise https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries/201");
        rows.ShouldAllBe(r => r["Memo"] == $"BillingOrchestrator invoice batch {BatchId}");
    }

    [Fact]
    public void Xero_HasTheTemplateColumnsInOrder_RequiredOnesFilled_AndTheSourceInEveryDescription()
    {
        var csv = XeroInvoiceCsv.Write(Batch, new AccountingFormatOptions { XeroDateFormat = "dd/MM/yyyy", XeroAccountCode = "4000", XeroTaxType = "Tax on Sales" });

        var header = CsvRows.Parse(csv)[0];
        header.ShouldBe(XeroInvoiceCsv.Headers);
        header.Take(3).ShouldBe(["*ContactName", "EmailAddress", "POAddressLine1"]);
        header.Where(h => h.StartsWith('*')).ShouldBe(["*ContactName", "*InvoiceNumber", "*InvoiceDate", "*DueDate", "*Description", "*Quantity", "*UnitAmount", "*AccountCode", "*TaxType"]);
        var rows = CsvRows.Records(csv);
        rows.Count.ShouldBe(4);
        foreach (var required in header.Where(h => h.StartsWith('*')))
        {
            rows.ShouldAllBe(r => r[required].Length > 0, required);
        }

        rows.ShouldAllBe(r => r["*InvoiceDate"] == "25/11/2026" && r["*DueDate"] == "25/12/2026" && r["*AccountCode"] == "4000" && r["*TaxType"] == "Tax on Sales" && r["Currency"] == "USD");
        rows.ShouldAllBe(r => r["TrackingName1"] == "Service line" && r["TrackingOption1"] == "Managed Services");
        rows.Select(r => r["*Description"]).ShouldAllBe(d => d.Contains("exception EX-") && d.Contains("ConnectWise https://"));
        rows.GroupBy(r => r["*InvoiceNumber"]).ShouldAllBe(g => g.Select(r => r["*ContactName"]).Distinct().Count() == 1);
        rows.Sum(r => decimal.Parse(r["*UnitAmount"], CultureInfo.InvariantCulture) * decimal.Parse(r["*Quantity"], CultureInfo.InvariantCulture)).ShouldBe(1234.93m);
    }

    [Fact]
    public void WriteOffJournal_BalancesEveryEntry_KeepsTheSource_AndNeutralisesFormulas()
    {
        var csv = WriteOffJournalCsv.Write(Batch, Options);

        var rows = CsvRows.Records(csv);
        rows.Count.ShouldBe(4);
        foreach (var entry in rows.GroupBy(r => r["JournalNo"]))
        {
            entry.Count().ShouldBe(2);
            entry.Sum(r => Amount(r["Debit"])).ShouldBe(entry.Sum(r => Amount(r["Credit"])));
            entry.Select(r => r["Account"]).ShouldBe(["Billing write-offs", "Unbilled revenue"]);
            entry.Select(r => r["ExceptionId"]).Distinct().Count().ShouldBe(1);
        }

        rows.Sum(r => Amount(r["Debit"])).ShouldBe(657.45m);
        rows.Select(r => r["ExceptionId"]).Distinct().ShouldBe(["EX-8", "EX-9"]);
        rows.ShouldAllBe(r => r["JournalDate"] == "2026-11-25" && r["ConnectWiseLink"].StartsWith("https://") && r["FindingLink"].StartsWith("/api/validation-runs/"));
        rows[0]["AgreementId"].ShouldBe("7012");
        rows[0]["Memo"].ShouldBe("Write-off (out-of-scope-labor) by finance@demo.local: =HYPERLINK(\"http://evil\")");
        rows[2]["Memo"].ShouldContain("confirmed by admin@demo.local: credit note agreed");
        CsvRows.Parse(csv).SelectMany(r => r).ShouldAllBe(cell => cell.Length == 0 || !"=+-@".Contains(cell[0]));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=x,\"y\"", "\"'=x,\"\"y\"\"\"")]
    [InlineData("plain", "plain")]
    public void TextCells_AreQuotedAndNeutralised(string value, string expected) => CsvCell.Text(value).ShouldBe(expected);

    [Fact]
    public void MoneyCells_AreExactCents_AndRefuseFractionsOfACent()
    {
        CsvCell.Money(1234.5m).ShouldBe("1234.50");
        CsvCell.Money(0.1m + 0.2m).ShouldBe("0.30");
        Should.Throw<ArgumentException>(() => CsvCell.Money(0.125m));
    }

    [Fact]
    public void Options_RejectAFormatThatCannotReadItsOwnDates()
    {
        new AccountingFormatOptions().Problems().ShouldBeEmpty();
        new AccountingFormatOptions { XeroDateFormat = "dd/MM", InvoicePrefix = "" }.Problems().Select(p => p.Field)
            .ShouldBe(["Accounting:InvoicePrefix", "Accounting:XeroDateFormat"]);
    }

    private static decimal Amount(string cell) => cell.Length == 0 ? 0m : decimal.Parse(cell, CultureInfo.InvariantCulture);
}
