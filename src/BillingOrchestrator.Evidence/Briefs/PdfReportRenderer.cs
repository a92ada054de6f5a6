using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as an A4 PDF in the evidence briefs' style: title block, key figures, then
/// each section's text, chart (an image) and table (real text, repeated headers across pages), "Page n of m" footers.
/// </summary>
public sealed class PdfReportRenderer
{
    private const double Gutter = 8;
    private const double ChartHeight = 190;

    public PdfReportRenderer(string fontDirectory = DejaVuFontResolver.DefaultDirectory)
    {
        BriefFonts.Install(fontDirectory);
    }

    public byte[] Render(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Author = "BillingOrchestrator";
        document.Info.Creator = "BillingOrchestrator";
        document.Info.Subject = report.Subtitle;
        document.Info.CreationDate = report.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = report.GeneratedAt.UtcDateTime;
        using var layout = new BriefLayout(document, report.Title);
        layout.NewPage();
        TitleBlock(layout, report);
        KeyFigures(layout, report.KeyFigures);
        foreach (var section in report.Sections)
        {
            Section(layout, section);
        }

        layout.Finish(report.Footer);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void TitleBlock(BriefLayout layout, ReportDocument report)
    {
        layout.Gfx.DrawRectangle(new XSolidBrush(BriefStyle.Accent), BriefStyle.MarginLeft, layout.Y - 14, 40, 3);
        layout.Paragraph(report.Eyebrow, BriefStyle.Eyebrow, BriefStyle.Accent);
        layout.Space(4);
        layout.Paragraph(report.Title, BriefStyle.Title, BriefStyle.Ink);
        layout.Space(2);
        layout.Paragraph(report.Subtitle, BriefStyle.Subtitle, BriefStyle.Muted);
        layout.Space(14);
    }

    private static void KeyFigures(BriefLayout layout, IReadOnlyList<ReportFigure> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        const double height = 46;
        layout.EnsureSpace(height);
        var width = (BriefStyle.ContentWidth - (figures.Count - 1) * Gutter) / figures.Count;
        var x = BriefStyle.MarginLeft;
        foreach (var figure in figures)
        {
            var gfx = layout.Gfx;
            gfx.DrawRectangle(new XSolidBrush(BriefStyle.Panel), x, layout.Y, width, height);
            gfx.DrawRectangle(new XSolidBrush(BriefStyle.Accent), x, layout.Y, 2, height);
            gfx.DrawString(figure.Label.ToUpperInvariant(), BriefStyle.TableHeader, new XSolidBrush(BriefStyle.Muted), new XRect(x + 10, layout.Y + 9, width - 14, 10), XStringFormats.TopLeft);
            gfx.DrawString(figure.Value, BriefStyle.Figure, new XSolidBrush(BriefStyle.Ink), new XRect(x + 10, layout.Y + 22, width - 14, 18), XStringFormats.TopLeft);
            x += width + Gutter;
        }

        layout.Y += height;
        layout.Space(8);
    }

    private static void Section(BriefLayout layout, ReportSection section)
    {
        layout.Space(12);
        layout.EnsureSpace(60);
        layout.Paragraph(section.Heading, BriefStyle.Section, BriefStyle.Ink);
        layout.Space(3);
        layout.Rule(BriefStyle.Rule);
        layout.Space(6);
        if (section.Text is { } text)
        {
            layout.Paragraph(text, BriefStyle.Body, BriefStyle.Muted);
            layout.Space(6);
        }

        if (section.Chart is { Labels.Count: > 0 } chart)
        {
            layout.EnsureSpace(ChartHeight);
            layout.Image(ReportChartImage.RenderPng(chart, BriefStyle.ContentWidth, ChartHeight), BriefStyle.ContentWidth, ChartHeight);
            layout.Space(6);
        }

        if (section.Table is { } table)
        {
            if (table.Rows.Count == 0)
            {
                layout.Paragraph("Nothing to show.", BriefStyle.Body, BriefStyle.Muted);
                return;
            }

            var total = table.Columns.Sum(c => c.Weight);
            var columns = table.Columns
                .Select(c => new BriefColumn(c.Header, BriefStyle.ContentWidth * c.Weight / total, c.Numeric ? XStringAlignment.Far : XStringAlignment.Near))
                .ToList();
            var rows = table.Rows
                .Select(row => new BriefRow(
                    row.Cells.Select((cell, i) => (IReadOnlyList<BriefRun>)[Run(cell, row, i)]).ToList(),
                    row.IsTotal))
                .ToList();
            layout.Table(new BriefTable(columns, rows, section.Heading));
        }
    }

    private static BriefRun Run(string cell, ReportRow row, int column)
    {
        if (row.IsTotal)
        {
            return new BriefRun(cell, BriefStyle.BodyBold, BriefStyle.Ink);
        }

        return column == 0 && row.Url is { } url ? new BriefRun(cell, BriefStyle.Body, BriefStyle.Link, url) : BriefRun.Plain(cell);
    }
}
