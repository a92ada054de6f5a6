namespace BillingOrchestrator.Billing.Psa;

public static class RateTypeExtensions
{
    /// <summary>Applies a ConnectWise rate of this type to a base hourly rate (exact; callers round).</summary>
    public static Money Apply(this RateType rateType, decimal rate, Money baseRate) => rateType switch
    {
        RateType.Multiplier => baseRate * rate,
        RateType.AdjAmount => baseRate + new Money(rate),
        RateType.Custom => new Money(rate),
        _ => throw new ArgumentOutOfRangeException(nameof(rateType), rateType, null),
    };
}
