using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void Money_Arithmetic_IsExactWhereDoublesDrift()
    {
        (new Money(0.1m) + new Money(0.2m)).ShouldBe(new Money(0.3m));
        (new Money(0.1m) * 3m).ShouldBe(new Money(0.3m));
        (new Money(125m) * new Hours(0.25m)).ShouldBe(new Money(31.25m));
        (new Money(187.50m) - new Money(125m)).ShouldBe(new Money(62.5m));
        (0.1d + 0.2d).ShouldNotBe(0.3d);
    }

    [Theory]
    [InlineData("2.345", "2.34")]
    [InlineData("2.355", "2.36")]
    [InlineData("2.3450001", "2.35")]
    [InlineData("-2.345", "-2.34")]
    [InlineData("10.005", "10.00")]
    public void Money_RoundToCents_RoundsHalfToEven(string amount, string expected) =>
        new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).RoundToCents()
            .ShouldBe(new Money(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Money_Arithmetic_DoesNotRoundUntilAsked()
    {
        var third = new Money(100m) * (1m / 3m);

        third.Amount.ShouldNotBe(33.33m);
        third.RoundToCents().ShouldBe(new Money(33.33m));
    }

    [Fact]
    public void Hours_Between_IsExactForQuarterHours()
    {
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

        Hours.Between(start, start.AddMinutes(15)).ShouldBe(new Hours(0.25m));
        Hours.Between(start, start.AddMinutes(100)).Value.ShouldBe(100m / 60m);
        (new Hours(7.75m) + new Hours(0.25m)).ShouldBe(new Hours(8m));
    }

    [Fact]
    public void Money_Json_IsAnExactNumber()
    {
        var json = BillingJson.Serialize(new { rate = new Money(187.50m), hours = new Hours(0.25m) });

        json.ShouldBe("""{"rate":187.50,"hours":0.25}""");
        BillingJson.Deserialize<Money>("1234567.89").ShouldBe(new Money(1234567.89m));
    }
}
