using System.Buffers.Binary;
using ScottPlot;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>Draws money at risk by finding category as a horizontal bar chart, each bar labelled with its amount.</summary>
internal static class MoneyAtRiskChart
{
    /// <summary>Pixels per PDF point, so the embedded image stays sharp when printed or zoomed.</summary>
    public const double Oversampling = 2;

    /// <summary>
    /// Renders the chart as an uncompressed bitmap for a box of <paramref name="widthPoints"/> by <paramref name="heightPoints"/>.
    /// Not PNG: PDFsharp decodes the image and deflates it again anyway, and encoding PNG first cost most of a brief's render
    /// time (about 60 of 65 ms CPU; docs/benchmarks.md).
    /// </summary>
    public static byte[] RenderBitmap(IReadOnlyList<BriefFinding> findings, string currency, double widthPoints, double heightPoints)
    {
        var plot = new Plot { ScaleFactor = Oversampling };
        plot.Font.Set(DejaVuFontResolver.Sans);
        var accent = Color.FromHex("#2F5D8A");
        var bars = findings
            .Select((finding, index) => new Bar
            {
                Position = findings.Count - 1 - index,
                Value = (double)finding.MoneyAtRisk,
                FillColor = accent,
                LineWidth = 0,
                Size = 0.62,
                Label = BriefText.Money(finding.MoneyAtRisk, currency),
            })
            .ToArray();

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 9;
        barPlot.ValueLabelStyle.ForeColor = Color.FromHex("#1F2933");

        var positions = findings.Select((_, index) => (double)(findings.Count - 1 - index)).ToArray();
        plot.Axes.Left.SetTicks(positions, findings.Select(f => f.Category).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        plot.Axes.Left.TickLabelStyle.ForeColor = Color.FromHex("#1F2933");
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Bottom.MajorTickStyle.Color = Color.FromHex("#9AA5B1");
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.ForeColor = Color.FromHex("#52606D");
        plot.Axes.Bottom.Label.Text = $"Money at risk ({currency})";
        plot.Axes.Bottom.Label.FontSize = 8.5f;
        plot.Axes.Bottom.Label.ForeColor = Color.FromHex("#52606D");
        plot.Axes.Bottom.Label.Bold = false;

        plot.Axes.Margins(left: 0, right: 0.28, bottom: 0.08, top: 0.08);
        plot.Grid.MajorLineColor = Color.FromHex("#E4E7EB");
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Left.FrameLineStyle.Color = Color.FromHex("#9AA5B1");
        plot.Axes.Bottom.FrameLineStyle.Color = Color.FromHex("#9AA5B1");

        return BottomUp(plot.GetImageBytes((int)Math.Round(widthPoints * Oversampling), (int)Math.Round(heightPoints * Oversampling), ImageFormat.Bmp));
    }

    /// <summary>
    /// Skia writes top-down bitmaps (negative height); PDFsharp reads every bitmap bottom-up and would draw the chart upside
    /// down, so the rows are reversed into the classic bottom-up layout.
    /// </summary>
    internal static byte[] BottomUp(byte[] bmp)
    {
        var height = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(22));
        if (height >= 0)
        {
            return bmp;
        }

        height = -height;
        var width = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(18));
        var bitsPerPixel = BinaryPrimitives.ReadInt16LittleEndian(bmp.AsSpan(28));
        var pixels = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(10));
        var stride = ((width * bitsPerPixel) + 31) / 32 * 4;
        var result = (byte[])bmp.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(22), height);
        for (var row = 0; row < height; row++)
        {
            bmp.AsSpan(pixels + (row * stride), stride).CopyTo(result.AsSpan(pixels + ((height - 1 - row) * stride)));
        }

        return result;
    }
}
