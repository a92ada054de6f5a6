namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// A generated report (a weekly leakage snapshot, a governance review, an executive brief): key figures, then sections
/// of text, charts and tables. Every amount is already formatted by the caller; the renderer only lays it out.
/// </summary>
public sealed record ReportDocument
{
    /// <summary>The small capitals line above the title, e.g. <c>WEEKLY LEAKAGE DASHBOARD · STEP 5</c>.</summary>
    public required string Eyebrow { get; init; }

    public required string Title { get; init; }

    public required string Subtitle { get; init; }

    /// <summary>Also the document's creation date.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required string Footer { get; init; }

    public IReadOnlyList<ReportFigure> KeyFigures { get; init; } = [];

    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
}

public sealed record ReportFigure(string Label, string Value);

/// <summary>A heading with optional text, chart and table, drawn in that order.</summary>
public sealed record ReportSection(string Heading, string? Text = null, ReportChart? Chart = null, ReportTable? Table = null);

/// <summary>Bars (one group per label, one bar per series) or lines (one line per series) over the labels.</summary>
public sealed record ReportChart(ReportChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ReportSeries> Series, string ValueAxis);

public sealed record ReportSeries(string Name, IReadOnlyList<double> Values);

public enum ReportChartKind
{
    Bars,
    Lines,
}

/// <summary>
/// Column headers with relative widths, rows of text and an optional URL per row (a ConnectWise link) drawn as a link
/// on the first cell; columns flagged numeric are right-aligned.
/// </summary>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows);

public sealed record ReportColumn(string Header, double Weight = 1, bool Numeric = false);

public sealed record ReportRow(IReadOnlyList<string> Cells, string? Url = null, bool IsTotal = false);
