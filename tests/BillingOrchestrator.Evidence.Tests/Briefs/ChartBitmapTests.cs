using System.Buffers.Binary;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

public sealed class ChartBitmapTests
{
    [Fact]
    public void TopDownBitmap_IsRewrittenBottomUp_SoPdfsharpDrawsTheChartUpright()
    {
        // A 1x2 32-bit top-down bitmap: first row red, second row blue.
        var bmp = new byte[54 + 8];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), -2);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 32);
        byte[] red = [0, 0, 255, 255];
        byte[] blue = [255, 0, 0, 255];
        red.CopyTo(bmp, 54);
        blue.CopyTo(bmp, 58);

        var upright = MoneyAtRiskChart.BottomUp(bmp);

        BinaryPrimitives.ReadInt32LittleEndian(upright.AsSpan(22)).ShouldBe(2);
        upright[54..58].ShouldBe(blue);
        upright[58..62].ShouldBe(red);
        MoneyAtRiskChart.BottomUp(upright).ShouldBe(upright);
    }
}
