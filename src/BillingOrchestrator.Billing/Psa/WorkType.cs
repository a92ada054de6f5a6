namespace BillingOrchestrator.Billing.Psa;

/// <summary>A ConnectWise work type (<c>/time/workTypes</c>): what kind of work, its rate rule and billing default.</summary>
public sealed record WorkType
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ConnectWise <c>billTime</c>: the billable option time of this type defaults to.</summary>
    public required BillableOption BillTime { get; init; }

    /// <summary>ConnectWise <c>rate</c>, read according to <see cref="RateType"/> (a multiplier of 1.5 for after-hours work, say).</summary>
    public required decimal Rate { get; init; }

    public required RateType RateType { get; init; }

    /// <summary>ConnectWise <c>costMultiplier</c>: scales the member's hourly cost for this work.</summary>
    public decimal CostMultiplier { get; init; } = 1m;

    public bool InactiveFlag { get; init; }

    /// <summary>The hourly rate this work type yields on top of a work role's rate (exact; callers round).</summary>
    public Money ApplyRate(Money roleRate) => RateType.Apply(Rate, roleRate);
}
