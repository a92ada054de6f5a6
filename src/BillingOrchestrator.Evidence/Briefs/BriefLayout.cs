using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Flows content down A4 pages: keeps a cursor, starts a new page when the next block does not fit, wraps text to a
/// width, splits tables between rows (repeating their header) and, at the end, stamps "Page n of m" on every page.
/// </summary>
internal sealed class BriefLayout(PdfDocument document, string runningHeader) : IDisposable
{
    private const double Bottom = BriefStyle.PageHeight - BriefStyle.MarginBottom;
    private const double BodyTop = BriefStyle.MarginTop;

    private readonly List<XImage> images = [];
    private XGraphics? graphics;
    private PdfPage? page;

    /// <summary>The vertical position of the next block, from the top of the page.</summary>
    public double Y { get; set; }

    public XGraphics Gfx => graphics ?? throw new InvalidOperationException("No page has been started.");

    public double Remaining => Bottom - Y;

    public void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Width = XUnit.FromPoint(BriefStyle.PageWidth);
        page.Height = XUnit.FromPoint(BriefStyle.PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        Y = BodyTop;
        if (document.PageCount > 1)
        {
            DrawRunningHeader();
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (graphics is null || Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Space(double points) => Y = Math.Min(Y + points, Bottom);

    /// <summary>A full-width horizontal rule at the cursor.</summary>
    public void Rule(XColor color, double width = 0.5, double x = BriefStyle.MarginLeft, double length = BriefStyle.ContentWidth)
    {
        Gfx.DrawLine(new XPen(color, width), x, Y, x + length, Y);
    }

    /// <summary>Draws wrapped text across <paramref name="width"/> points and moves the cursor below it.</summary>
    public void Paragraph(string text, XFont font, XColor color, double x = BriefStyle.MarginLeft, double width = BriefStyle.ContentWidth)
    {
        var brush = new XSolidBrush(color);
        foreach (var line in Wrap(text, font, width))
        {
            var height = font.GetHeight();
            EnsureSpace(height);
            Gfx.DrawString(line, font, brush, new XRect(x, Y, width, height), XStringFormats.TopLeft);
            Y += height;
        }
    }

    /// <summary>Places an image (BMP, PNG or JPEG) at the cursor, scaled to the box; the image is kept alive until the document is saved.</summary>
    public void Image(byte[] bitmap, double width, double height)
    {
        EnsureSpace(height);
        var image = XImage.FromStream(new MemoryStream(bitmap, writable: false));
        images.Add(image);
        Gfx.DrawImage(image, BriefStyle.MarginLeft, Y, width, height);
        Y += height;
    }

    public void Table(BriefTable table)
    {
        var rows = table.Rows.Select(row => Measure(table, row)).ToList();
        var headerHeight = table.ShowHeader ? BriefStyle.TableHeader.GetHeight() + 2 * BriefStyle.CellPaddingY : 0;
        EnsureSpace(headerHeight + (rows.Count > 0 ? Math.Min(rows[0].Height, 60) : 0));
        DrawHeader(table, headerHeight);

        foreach (var row in rows)
        {
            var remaining = row;
            while (remaining is not null)
            {
                if (Y + remaining.Height <= Bottom)
                {
                    DrawRow(table, remaining);
                    break;
                }

                // A row taller than a whole page is split between lines; any other row moves to the next page whole.
                var pageBody = Bottom - BodyTop - headerHeight - BriefStyle.Section.GetHeight();
                if (remaining.Height > pageBody && Remaining > 3 * BriefStyle.Body.GetHeight())
                {
                    var (now, later) = remaining.Split(Remaining);
                    DrawRow(table, now);
                    remaining = later;
                }

                NewPage();
                Paragraph(table.ContinuedTitle + " (continued)", BriefStyle.Caption, BriefStyle.Muted);
                Space(3);
                DrawHeader(table, headerHeight);
            }
        }
    }

    /// <summary>Stamps the footer on every page once the page count is known.</summary>
    public void Finish(string footerLeft)
    {
        graphics?.Dispose();
        graphics = null;
        var count = document.PageCount;
        var pen = new XPen(BriefStyle.Rule, 0.5);
        var brush = new XSolidBrush(BriefStyle.Muted);
        for (var index = 0; index < count; index++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[index], XGraphicsPdfPageOptions.Append);
            var top = BriefStyle.FooterBaseline - 12;
            gfx.DrawLine(pen, BriefStyle.MarginLeft, top, BriefStyle.PageWidth - BriefStyle.MarginRight, top);
            var box = new XRect(BriefStyle.MarginLeft, top + 4, BriefStyle.ContentWidth, 12);
            gfx.DrawString(footerLeft, BriefStyle.Small, brush, box, XStringFormats.TopLeft);
            gfx.DrawString($"Page {index + 1} of {count}", BriefStyle.Small, brush, box, XStringFormats.TopRight);
        }
    }

    public void Dispose()
    {
        graphics?.Dispose();
        foreach (var image in images)
        {
            image.Dispose();
        }
    }

    /// <summary>Greedy word wrap; a word wider than the line (a URL, a hash) is broken between characters.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Width(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Width(line, font) > width && line.Length > 1)
                {
                    var fit = FittingPrefix(line, font, width);
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    public double Width(string text, XFont font) => Gfx.MeasureString(text, font).Width;

    private int FittingPrefix(string word, XFont font, double width)
    {
        var fit = 1;
        while (fit < word.Length && Width(word[..(fit + 1)], font) <= width)
        {
            fit++;
        }

        return char.IsHighSurrogate(word[fit - 1]) && fit > 1 ? fit - 1 : fit;
    }

    private void DrawRunningHeader()
    {
        var box = new XRect(BriefStyle.MarginLeft, BriefStyle.MarginTop - 24, BriefStyle.ContentWidth, 12);
        Gfx.DrawString(runningHeader, BriefStyle.Small, new XSolidBrush(BriefStyle.Muted), box, XStringFormats.TopLeft);
        Gfx.DrawLine(new XPen(BriefStyle.Rule, 0.5), BriefStyle.MarginLeft, BriefStyle.MarginTop - 9, BriefStyle.PageWidth - BriefStyle.MarginRight, BriefStyle.MarginTop - 9);
    }

    private void DrawHeader(BriefTable table, double height)
    {
        if (!table.ShowHeader)
        {
            return;
        }

        var x = BriefStyle.MarginLeft;
        var brush = new XSolidBrush(BriefStyle.Muted);
        foreach (var column in table.Columns)
        {
            var box = new XRect(x + BriefStyle.CellPaddingX, Y + BriefStyle.CellPaddingY, column.Width - 2 * BriefStyle.CellPaddingX, height);
            Gfx.DrawString(column.Header.ToUpperInvariant(), BriefStyle.TableHeader, brush, box, Format(column.Align));
            x += column.Width;
        }

        Y += height;
        Gfx.DrawLine(new XPen(BriefStyle.Faint, 0.75), BriefStyle.MarginLeft, Y, BriefStyle.MarginLeft + TotalWidth(table), Y);
    }

    private MeasuredRow Measure(BriefTable table, BriefRow row)
    {
        var cells = new List<List<MeasuredLine>>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var inner = table.Columns[i].Width - 2 * BriefStyle.CellPaddingX;
            var runs = i < row.Cells.Count ? row.Cells[i] : [];
            cells.Add(runs
                .SelectMany(run => Wrap(run.Text, run.Font, inner).Select(text => new MeasuredLine(text, run)))
                .ToList());
        }

        return new MeasuredRow(cells, row.IsTotal);
    }

    private void DrawRow(BriefTable table, MeasuredRow row)
    {
        var width = TotalWidth(table);
        if (row.IsTotal)
        {
            Gfx.DrawRectangle(new XSolidBrush(BriefStyle.Panel), BriefStyle.MarginLeft, Y, width, row.Height);
        }

        var x = BriefStyle.MarginLeft;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var y = Y + BriefStyle.CellPaddingY;
            foreach (var line in row.Cells[i])
            {
                var height = line.Run.Font.GetHeight();
                var box = new XRect(x + BriefStyle.CellPaddingX, y, column.Width - 2 * BriefStyle.CellPaddingX, height);
                Gfx.DrawString(line.Text, line.Run.Font, new XSolidBrush(line.Run.Color), box, Format(column.Align));
                if (line.Run.Url is { } url)
                {
                    var drawn = new XRect(box.X, box.Y, Math.Min(Width(line.Text, line.Run.Font), box.Width), height);
                    page!.AddWebLink(new PdfRectangle(Gfx.Transformer.WorldToDefaultPage(drawn)), url);
                }

                y += height;
            }

            x += column.Width;
        }

        Y += row.Height;
        Gfx.DrawLine(new XPen(row.IsTotal ? BriefStyle.Faint : BriefStyle.Rule, 0.5), BriefStyle.MarginLeft, Y, BriefStyle.MarginLeft + width, Y);
    }

    private static double TotalWidth(BriefTable table) => table.Columns.Sum(c => c.Width);

    private static XStringFormat Format(XStringAlignment align) => align switch
    {
        XStringAlignment.Far => XStringFormats.TopRight,
        XStringAlignment.Center => XStringFormats.TopCenter,
        _ => XStringFormats.TopLeft,
    };

    private sealed record MeasuredLine(string Text, BriefRun Run);

    private sealed record MeasuredRow(List<List<MeasuredLine>> Cells, bool IsTotal)
    {
        public double Height { get; } = Cells.Max(c => c.Sum(l => l.Run.Font.GetHeight())) + 2 * BriefStyle.CellPaddingY;

        /// <summary>Splits after the lines that fit in <paramref name="available"/> points, cell by cell.</summary>
        public (MeasuredRow Now, MeasuredRow Later) Split(double available)
        {
            var room = available - 2 * BriefStyle.CellPaddingY;
            var now = new List<List<MeasuredLine>>();
            var later = new List<List<MeasuredLine>>();
            foreach (var cell in Cells)
            {
                var used = 0.0;
                var take = 0;
                while (take < cell.Count && used + cell[take].Run.Font.GetHeight() <= room)
                {
                    used += cell[take].Run.Font.GetHeight();
                    take++;
                }

                now.Add(cell[..take]);
                later.Add(cell[take..]);
            }

            return (new MeasuredRow(now, IsTotal), new MeasuredRow(later, IsTotal));
        }
    }
}
