namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// When usage becomes overage and what to do about it. <see cref="ThresholdPercent"/> is a share of the included
/// quantity (100 = once it is used up); <see cref="OverageRate"/> null means the entry's own hourly rate.
/// </summary>
public sealed record OverageTrigger(decimal ThresholdPercent, OverageAction Action, Money? OverageRate = null)
{
    /// <summary>Whether <paramref name="used"/> has reached the threshold of <paramref name="included"/>.</summary>
    public bool IsReached(decimal used, decimal included) => used * 100m >= included * ThresholdPercent;

    /// <summary>The part of <paramref name="used"/> beyond what is included.</summary>
    public static decimal Excess(decimal used, decimal included) => used > included ? used - included : 0m;
}
