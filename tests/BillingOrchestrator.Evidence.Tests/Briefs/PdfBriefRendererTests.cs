using BillingOrchestrator.Evidence.Briefs;
using UglyToad.PdfPig;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

public sealed class PdfBriefRendererTests
{
    private readonly PdfBriefRenderer renderer = new();

    [Fact]
    public void Render_TypicalBrief_ShowsInstanceStepEveryHashApproverAndMoney()
    {
        var brief = new EvidenceBriefBuilder().Build();

        var pdf = RenderedPdf.Read(renderer.Render(brief));

        pdf.Words.ShouldContain(EvidenceBriefBuilder.InstanceId);
        pdf.ContainsPhrase("Step 3: " + EvidenceBriefBuilder.StepTitle).ShouldBeTrue();
        pdf.ContainsPhrase(EvidenceBriefBuilder.Approver).ShouldBeTrue();
        foreach (var item in brief.EvidenceItems)
        {
            pdf.Count(item.Sha256).ShouldBe(1, $"hash of {item.Name}");
        }

        pdf.ContainsPhrase("USD 4,820.50").ShouldBeTrue();
        pdf.ContainsPhrase("USD 12,400.75").ShouldBeTrue();
        pdf.ContainsPhrase("Total 31 USD 21,206.25").ShouldBeTrue("the findings total row");
        pdf.ContainsPhrase("PAI-8 C2 Billing validation").ShouldBeTrue();
        pdf.ContainsPhrase("Unbilled labour value USD 38,200.00 USD 31,750.00 USD 34,380.00 On track").ShouldBeTrue();
        pdf.ContainsPhrase("Agreement gross margin 41.5% 41.9% 45.6% Off track").ShouldBeTrue();
    }

    [Fact]
    public void Render_SectionsAppearInPlaybookOrder()
    {
        var pdf = RenderedPdf.Read(renderer.Render(new EvidenceBriefBuilder().WithEvidenceItems(30).Build()));

        string[] sections = ["Approvals", "Evidence", "Findings", "Money at risk by category", "KPI snapshot", "Control mapping", "Source links"];
        var positions = sections.Select(pdf.Find).ToList();

        positions.ShouldBe(positions.OrderBy(p => p.Page).ThenBy(p => p.Word).ToList());
    }

    [Fact]
    public void Render_LongEvidenceList_FlowsOverSeveralNumberedPagesWithEveryHashOnce()
    {
        var brief = new EvidenceBriefBuilder().WithEvidenceItems(120).Build();

        var pdf = RenderedPdf.Read(renderer.Render(brief));

        pdf.Pages.Count.ShouldBeGreaterThanOrEqualTo(4);
        for (var i = 1; i <= 120; i++)
        {
            pdf.Count(EvidenceBriefBuilder.HashOf(i)).ShouldBe(1, $"hash of evidence item {i}");
        }

        for (var page = 0; page < pdf.Pages.Count; page++)
        {
            pdf.PageContainsPhrase(page, $"Page {page + 1} of {pdf.Pages.Count}").ShouldBeTrue($"footer of page {page + 1}");
        }

        pdf.PageContainsPhrase(1, "Evidence (continued)").ShouldBeTrue();
    }

    [Fact]
    public void Render_FooterOfTheFirstPage_ShowsPageOneOfN()
    {
        var pdf = RenderedPdf.Read(renderer.Render(new EvidenceBriefBuilder().Build()));

        pdf.PageContainsPhrase(0, $"Page 1 of {pdf.Pages.Count}").ShouldBeTrue();
    }

    [Fact]
    public void Render_NoFindingsAndNoKpis_SaysSoAndDrawsNoChart()
    {
        var brief = new EvidenceBriefBuilder().WithFindings().WithKpis().Build();

        var pdf = RenderedPdf.Read(renderer.Render(brief));

        pdf.ContainsPhrase("No findings").ShouldBeTrue();
        pdf.ContainsPhrase("No KPI snapshot").ShouldBeTrue();
        pdf.ContainsPhrase("USD 0.00").ShouldBeTrue("money at risk in the key figures");
        pdf.ImageCount.ShouldBe(0);
    }

    [Fact]
    public void Render_WithFindings_EmbedsOneChartImage()
    {
        var pdf = RenderedPdf.Read(renderer.Render(new EvidenceBriefBuilder().Build()));

        pdf.ImageCount.ShouldBe(1);
    }

    [Fact]
    public void Render_CommentLongerThanAPage_IsSplitAcrossPagesWithoutLosingText()
    {
        var comment = string.Join(' ', Enumerable.Range(1, 1500).Select(i => $"word{i}"));
        var brief = new EvidenceBriefBuilder().WithManagerComment(comment).Build();

        var pdf = RenderedPdf.Read(renderer.Render(brief));

        pdf.Count("word1").ShouldBe(1);
        pdf.Count("word750").ShouldBe(1);
        pdf.Count("word1500").ShouldBe(1);
        pdf.Pages.Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public void Render_PagesAreA4()
    {
        using var document = PdfDocument.Open(renderer.Render(new EvidenceBriefBuilder().Build()));

        foreach (var page in document.GetPages())
        {
            page.Width.ShouldBe(595.28, tolerance: 0.5);
            page.Height.ShouldBe(841.89, tolerance: 0.5);
        }
    }

    [Fact]
    public void Render_SetsDocumentInformationFromTheBrief()
    {
        using var document = PdfDocument.Open(renderer.Render(new EvidenceBriefBuilder().Build()));

        var info = document.Information;
        info.Title.ShouldBe("Evidence brief: Agreement billing integrity, step 3 Pre-invoice validation");
        info.Author.ShouldBe("BillingOrchestrator");
        info.Subject!.ShouldContain(EvidenceBriefBuilder.InstanceId);
        info.Subject!.ShouldContain("Validation evidence approved");
        info.GetCreatedDateTimeOffset().ShouldBe(EvidenceBriefBuilder.ApprovedAt);
    }

    [Fact]
    public void Render_SourceLinks_AreClickableOnlyForWebAddresses()
    {
        var brief = new EvidenceBriefBuilder()
            .WithSourceLinks(new("Invoice batch", "https://psa.example.com/invoices/8812"), new("Trap", "javascript:alert(1)"))
            .Build();

        using var document = PdfDocument.Open(renderer.Render(brief));

        var links = document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri).ToList();
        links.ShouldBe(["https://psa.example.com/invoices/8812"]);
    }

    [Fact]
    public void Render_IsStableForTheSameBrief()
    {
        var brief = new EvidenceBriefBuilder().Build();

        var first = RenderedPdf.Read(renderer.Render(brief));
        var second = RenderedPdf.Read(renderer.Render(brief));

        second.Pages.ShouldBe(first.Pages);
    }
}
