using BillingOrchestrator.Integrations.ConnectWise.Csv;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class CsvParserTests
{
    [Fact]
    public void QuotedFields_KeepCommasQuotesAndLineBreaks_AndRowsCountRecordsNotLines()
    {
        var records = CsvParser.Read(new StringReader("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\"\"")).ToList();

        records.Select(r => r.Row).ShouldBe([1, 2, 3]);
        records[1].Fields.ShouldBe(["x, y", "say \"hi\"", "two\nlines"]);
        records[2].Fields.ShouldBe(["last", "", ""]);
    }

    [Fact]
    public void AStrayQuote_IsRefused()
    {
        var error = Should.Throw<CsvFormatException>(() => CsvParser.Read(new StringReader("a,b\n1,x\"y\n")).ToList());

        error.Row.ShouldBe(2);
        error.Message.ShouldContain("a quote in the middle of a field");
    }

    [Fact]
    public void TextAfterAClosingQuote_IsRefused()
    {
        Should.Throw<CsvFormatException>(() => CsvParser.Read(new StringReader("a\n\"x\"y\n")).ToList()).Message.ShouldContain("text after a closing quote");
    }
}
