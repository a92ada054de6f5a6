using BillingOrchestrator.Billing.Serialization;
using CsCheck;

namespace BillingOrchestrator.Billing.Tests.Properties;

/// <summary>Money and hours arithmetic is exact: no order, grouping or split of the lines changes a total.</summary>
public sealed class MoneyProperties
{
    /// <summary>Amounts as ConnectWise sends them: up to four decimal places, up to a million either way.</summary>
    private static readonly Gen<Money> Amount = Gen.Long[-1_000_000_0000L, 1_000_000_0000L].Select(units => new Money(units / 10_000m));

    /// <summary>Time entries are in hundredths of an hour, at most a day.</summary>
    private static readonly Gen<Hours> Duration = Gen.Int[0, 2_400].Select(hundredths => new Hours(hundredths / 100m));

    private static readonly Gen<Money> Rate = Gen.Int[0, 50_000].Select(cents => new Money(cents / 100m));

    [Fact]
    public void Sum_DoesNotDependOnOrderOrGrouping() =>
        Gen.Select(Amount.Array[0, 200], Gen.Int[0, 200]).Sample((amounts, cut) =>
        {
            var total = amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
            var reversed = amounts.Reverse().Aggregate(Money.Zero, (sum, m) => sum + m);
            var at = Math.Min(cut, amounts.Length);
            var grouped = amounts[..at].Aggregate(Money.Zero, (sum, m) => sum + m) + amounts[at..].Aggregate(Money.Zero, (sum, m) => sum + m);
            return total == reversed && total == grouped;
        });

    [Fact]
    public void RateTimesHours_SplitIntoEntries_ReconcilesWithTheWhole() =>
        Gen.Select(Rate, Duration.Array[1, 50]).Sample((rate, entries) =>
        {
            var whole = rate * entries.Aggregate(Hours.Zero, (sum, h) => sum + h);
            var lines = entries.Aggregate(Money.Zero, (sum, h) => sum + rate * h);
            return whole == lines;
        });

    [Fact]
    public void RoundToCents_IsIdempotent_AndWithinHalfACent() =>
        Amount.Sample(amount =>
        {
            var rounded = amount.RoundToCents();
            return rounded.RoundToCents() == rounded
                && Math.Abs(rounded.Amount - amount.Amount) <= 0.005m
                && decimal.Round(rounded.Amount, 2) == rounded.Amount;
        });

    [Fact]
    public void RoundedLineTotals_DriftFromTheRoundedSum_ByAtMostHalfACentPerLine() =>
        Gen.Select(Rate, Duration.Array[1, 50]).Sample((rate, entries) =>
        {
            var perLine = entries.Aggregate(Money.Zero, (sum, h) => sum + (rate * h).RoundToCents());
            var once = (rate * entries.Aggregate(Hours.Zero, (sum, h) => sum + h)).RoundToCents();
            return Math.Abs((perLine - once).Amount) <= 0.005m * entries.Length + 0.005m;
        });

    [Fact]
    public void Money_SurvivesTheJsonRoundTripExactly() =>
        Amount.Sample(amount => BillingJson.Deserialize<Money>(BillingJson.Serialize(amount)) == amount);
}
