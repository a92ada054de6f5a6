using ScottPlot;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>Draws a <see cref="ReportChart"/> with ScottPlot as PNG, in the briefs' palette.</summary>
internal static class ReportChartImage
{
    private static readonly string[] Palette = ["#2F5D8A", "#C2772E", "#5B8C5A", "#8A4F7D", "#9AA5B1"];

    public static byte[] RenderPng(ReportChart chart, double widthPoints, double heightPoints)
    {
        var plot = new Plot { ScaleFactor = MoneyAtRiskChart.Oversampling };
        plot.Font.Set(DejaVuFontResolver.Sans);
        var groups = chart.Labels.Count;
        var series = chart.Series.Count;
        for (var s = 0; s < series; s++)
        {
            var color = Color.FromHex(Palette[s % Palette.Length]);
            var values = chart.Series[s].Values;
            if (chart.Kind == ReportChartKind.Bars)
            {
                var width = 0.8 / series;
                var bars = values.Select((v, g) => new Bar { Position = g + (s - (series - 1) / 2.0) * width, Value = v, FillColor = color, LineWidth = 0, Size = width * 0.9 }).ToArray();
                plot.Add.Bars(bars).LegendText = chart.Series[s].Name;
            }
            else
            {
                var line = plot.Add.Scatter(Enumerable.Range(0, values.Count).Select(i => (double)i).ToArray(), values.ToArray(), color);
                line.LineWidth = 2;
                line.MarkerSize = 5;
                line.LegendText = chart.Series[s].Name;
            }
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups).Select(i => (double)i).ToArray(), chart.Labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.Label.Text = chart.ValueAxis;
        plot.Axes.Left.Label.FontSize = 8.5f;
        plot.Axes.Left.Label.Bold = false;
        plot.Grid.MajorLineColor = Color.FromHex("#E4E7EB");
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        if (series > 1)
        {
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Legend.FontSize = 8;
        }

        if (chart.Kind == ReportChartKind.Bars)
        {
            plot.Axes.Margins(bottom: 0);
        }

        return plot.GetImageBytes((int)Math.Round(widthPoints * MoneyAtRiskChart.Oversampling), (int)Math.Round(heightPoints * MoneyAtRiskChart.Oversampling), ImageFormat.Png);
    }
}
