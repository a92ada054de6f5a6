using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// The answer key written beside generated data: every injected leakage case. Everything not listed here is
/// clean, so checks can be measured for recall and false positives.
/// </summary>
public sealed record GroundTruth
{
    public required int Seed { get; init; }

    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    /// <summary>The stale threshold the data was built for.</summary>
    public required int StaleAfterDays { get; init; }

    public required IReadOnlyList<LeakageCase> Cases { get; init; }

    public Money TotalAmountAtRisk => Cases.Aggregate(Money.Zero, (sum, c) => sum + c.AmountAtRisk);

    public string ToJson() => BillingJson.Serialize(this);

    public static GroundTruth FromJson(string json) => BillingJson.Deserialize<GroundTruth>(json);
}
