using PdfSharp.Drawing;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>A table column: its header, width in points and how its text aligns.</summary>
internal sealed record BriefColumn(string Header, double Width, XStringAlignment Align = XStringAlignment.Near);

/// <summary>One paragraph in a table cell, wrapped to the column; <see cref="Url"/> makes it a clickable link.</summary>
internal sealed record BriefRun(string Text, XFont Font, XColor Color, string? Url = null)
{
    public static BriefRun Plain(string text) => new(text, BriefStyle.Body, BriefStyle.Ink);
}

/// <summary>A row: one list of paragraphs per column, optionally emphasised (a totals row).</summary>
internal sealed record BriefRow(IReadOnlyList<IReadOnlyList<BriefRun>> Cells, bool IsTotal = false)
{
    public static BriefRow Of(params BriefRun[] cells) => new(cells.Select(c => (IReadOnlyList<BriefRun>)[c]).ToArray());
}

/// <summary>A table to flow across pages: the header is repeated after every page break under <see cref="ContinuedTitle"/>.</summary>
internal sealed record BriefTable(IReadOnlyList<BriefColumn> Columns, IReadOnlyList<BriefRow> Rows, string ContinuedTitle, bool ShowHeader = true);
