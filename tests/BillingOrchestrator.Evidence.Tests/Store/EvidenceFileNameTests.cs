using BillingOrchestrator.Evidence.Store;

namespace BillingOrchestrator.Evidence.Tests.Store;

public sealed class EvidenceFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\x.pdf", "x.pdf")]
    [InlineData("C:\\Users\\dana\\Desktop\\batch.xlsx", "batch.xlsx")]
    [InlineData("/var/tmp/../report.pdf", "report.pdf")]
    [InlineData("rep\0ort.pdf", "report.pdf")]
    [InlineData("invoice.pdf\0.exe", "invoice.pdf.exe")]
    [InlineData("line\r\nbreak\t.csv", "linebreak.csv")]
    [InlineData("\u202Efdp.exe", "fdp.exe")]
    [InlineData("a:b?c*d.pdf", "a_b_c_d.pdf")]
    [InlineData("  .hidden.csv  ", "hidden.csv")]
    [InlineData("..", "unnamed")]
    [InlineData("../", "unnamed")]
    [InlineData("", "unnamed")]
    [InlineData(null, "unnamed")]
    [InlineData("Übersicht Oktober – Überstunden.xlsx", "Übersicht Oktober – Überstunden.xlsx")]
    public void Sanitize_RemovesPathsAndControlCharacters(string? input, string expected)
    {
        EvidenceFileName.Sanitize(input).ShouldBe(expected);
    }

    [Fact]
    public void Sanitize_LongName_IsCutTo200CharactersKeepingTheExtension()
    {
        var name = new string('a', 300) + ".xlsx";

        var sanitized = EvidenceFileName.Sanitize(name);

        sanitized.Length.ShouldBe(200);
        sanitized.ShouldEndWith("a.xlsx");
    }

    [Fact]
    public void Sanitize_LongNameOfEmoji_DoesNotSplitASurrogatePair()
    {
        var sanitized = EvidenceFileName.Sanitize(string.Concat(Enumerable.Repeat("📄", 150)) + ".pdf");

        sanitized.Length.ShouldBeLessThanOrEqualTo(200);
        sanitized.ShouldEndWith("📄.pdf");
        sanitized.EnumerateRunes().ShouldNotContain(System.Text.Rune.ReplacementChar);
    }
}
