using BillingOrchestrator.Billing.Accounting;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Web.Kpis;
using ClosedXML.Excel;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// The KPI baseline tracker and the risk/control register as one workbook (the playbook's kpi-and-risk-register.xlsx).
/// Values are numbers with number formats, not text, so the sheets can be charted and summed.
/// </summary>
public static class KpiRegisterWorkbook
{
    public const string BaselineSheet = "KPI baseline";
    public const string SeriesSheet = "KPI series";
    public const string RegisterSheet = "Risk & control register";

    private const string PercentFormat = "0.00%";
    private const string MoneyFormat = "#,##0.00";
    private const string DateFormat = "yyyy-mm-dd hh:mm";

    public static byte[] Render(KpiReport current, KpiSeries? series, IReadOnlyList<ControlStatus> controls, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(controls);
        using var workbook = new XLWorkbook();
        workbook.Properties.Author = "BillingOrchestrator";
        workbook.Properties.Title = "KPI baseline and risk/control register";
        Baseline(workbook.Worksheets.Add(BaselineSheet), current, series, generatedAt);
        Series(workbook.Worksheets.Add(SeriesSheet), series);
        Register(workbook.Worksheets.Add(RegisterSheet), controls, generatedAt);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void Baseline(IXLWorksheet sheet, KpiReport current, KpiSeries? series, DateTimeOffset generatedAt)
    {
        string[] headers = ["KPI", "Definition", "Week-1 baseline", "Baseline recorded", "Latest week", "Latest value", "Movement vs baseline", "Week 4 movement", "Week 8 movement", "Required by now", "Target", "Status", "Live value"];
        Header(sheet, headers);
        var latest = series?.Points[^1];
        var row = 2;
        foreach (var kpi in KpiDefinitions.All)
        {
            var status = series?.Targets.First(t => t.Target.Kpi == kpi.Id);
            Text(sheet.Cell(row, 1), kpi.Name);
            Text(sheet.Cell(row, 2), kpi.Definition);
            Value(sheet.Cell(row, 3), series is null ? null : kpi.ValueIn(series.Baseline.Values), kpi.Unit);
            if (series is not null)
            {
                sheet.Cell(row, 4).Value = series.Baseline.RecordedAt.UtcDateTime;
                sheet.Cell(row, 4).Style.NumberFormat.Format = DateFormat;
            }

            if (latest is not null)
            {
                sheet.Cell(row, 5).Value = latest.Week;
            }

            Value(sheet.Cell(row, 6), latest is null ? null : kpi.ValueIn(latest.Values), kpi.Unit);
            Share(sheet.Cell(row, 7), latest?.Movement.First(m => m.Kpi == kpi.Id).Improvement);
            Share(sheet.Cell(row, 8), series?.Week4?.Movement.First(m => m.Kpi == kpi.Id).Improvement);
            Share(sheet.Cell(row, 9), series?.Week8?.Movement.First(m => m.Kpi == kpi.Id).Improvement);
            Share(sheet.Cell(row, 10), status?.RequiredImprovement);
            Text(sheet.Cell(row, 11), KpiDefinitions.TargetText(kpi.Target));
            Text(sheet.Cell(row, 12), status?.Status ?? "no baseline");
            Value(sheet.Cell(row, 13), kpi.ValueIn(current.Values), kpi.Unit);
            row++;
        }

        Text(sheet.Cell(row + 1, 1), series is null
            ? "No week-1 baseline is recorded yet: a finance lead records it with POST /api/kpis/baseline."
            : $"Movement is the relative improvement against the week-1 baseline (positive is better); status judged at week {latest!.Week}.");
        Text(sheet.Cell(row + 2, 1), $"Live values measured {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC over {current.PeriodStart:yyyy-MM-dd} to {current.PeriodEnd:yyyy-MM-dd}.");
        Widths(sheet, [24, 60, 16, 18, 12, 14, 18, 16, 16, 16, 44, 12, 14]);
    }

    private static void Series(IXLWorksheet sheet, KpiSeries? series)
    {
        Header(sheet, ["Week", "Recorded at", "Snapshot", "Invoice error rate", "Unbilled labour value", "Agreement gross margin", "Error rate movement", "Unbilled labour movement", "Gross margin movement"]);
        var row = 2;
        foreach (var point in series?.Points ?? [])
        {
            sheet.Cell(row, 1).Value = point.Week;
            sheet.Cell(row, 2).Value = point.RecordedAt.UtcDateTime;
            sheet.Cell(row, 2).Style.NumberFormat.Format = DateFormat;
            Text(sheet.Cell(row, 3), point.SnapshotId);
            var column = 4;
            foreach (var kpi in KpiDefinitions.All)
            {
                Value(sheet.Cell(row, column), kpi.ValueIn(point.Values), kpi.Unit);
                Share(sheet.Cell(row, column + 3), point.Movement.First(m => m.Kpi == kpi.Id).Improvement);
                column++;
            }

            row++;
        }

        Widths(sheet, [8, 18, 34, 18, 20, 22, 20, 24, 22]);
    }

    private static void Register(IXLWorksheet sheet, IReadOnlyList<ControlStatus> controls, DateTimeOffset generatedAt)
    {
        Header(sheet, ["Control", "Framework", "Risk", "Control practice", "Owner roles", "Playbook steps", "Evidence items", "Last evidence", "Gates approved", "Status"]);
        var row = 2;
        foreach (var control in controls)
        {
            Text(sheet.Cell(row, 1), control.Control);
            Text(sheet.Cell(row, 2), control.Framework);
            Text(sheet.Cell(row, 3), control.Risk);
            Text(sheet.Cell(row, 4), control.Practice);
            Text(sheet.Cell(row, 5), string.Join(", ", control.OwnerRoles));
            Text(sheet.Cell(row, 6), string.Join(", ", control.Steps));
            sheet.Cell(row, 7).Value = control.EvidenceCount;
            if (control.LastEvidenceAt is { } last)
            {
                sheet.Cell(row, 8).Value = last.UtcDateTime;
                sheet.Cell(row, 8).Style.NumberFormat.Format = DateFormat;
            }

            sheet.Cell(row, 9).Value = control.GatesApproved;
            Text(sheet.Cell(row, 10), control.Status);
            row++;
        }

        Text(sheet.Cell(row + 1, 1), $"Evidence counted in the store on {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; a control is {ControlRegister.Operating} with evidence in the last {ControlRegister.FreshFor.TotalDays:0} days, {ControlRegister.Stale} with older evidence only.");
        Widths(sheet, [30, 10, 50, 60, 28, 14, 14, 18, 14, 12]);
    }

    private static void Header(IXLWorksheet sheet, string[] headers)
    {
        for (var i = 0; i < headers.Length; i++)
        {
            Text(sheet.Cell(1, i + 1), headers[i]);
        }

        var range = sheet.Range(1, 1, 1, headers.Length);
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#F4F6F9");
        sheet.SheetView.FreezeRows(1);
    }

    // Column widths are set, not measured: ClosedXML measures text with GDI+, which is not there on Linux.
    private static void Widths(IXLWorksheet sheet, double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
            sheet.Column(i + 1).Style.Alignment.WrapText = widths[i] >= 40;
        }
    }

    // Every text cell goes through here: ClosedXML 0.95 turns a string starting with '=' into a formula, and a control's
    // practice or a status may carry what a user typed; the accounting exports' rule defuses it.
    private static void Text(IXLCell cell, string? value) => cell.SetValue(CsvCell.Defused(value));

    private static void Value(IXLCell cell, decimal? value, KpiUnit unit)
    {
        if (value is not { } v)
        {
            Text(cell, "n/a");
            return;
        }

        cell.Value = v;
        cell.Style.NumberFormat.Format = unit == KpiUnit.Ratio ? PercentFormat : MoneyFormat;
    }

    private static void Share(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.Value = v;
            cell.Style.NumberFormat.Format = PercentFormat;
        }
    }
}
