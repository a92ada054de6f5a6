namespace BillingOrchestrator.Billing.Governance;

/// <summary>The thresholds of the monthly governance analysis, bound from the <c>Governance</c> configuration section.</summary>
public sealed record GovernanceOptions
{
    public static GovernanceOptions Default { get; } = new();

    /// <summary>Agreements below this gross margin in the month are proposed for repricing.</summary>
    public decimal MarginFloor { get; init; } = 0.35m;

    /// <summary>Repricing proposes role rates this much higher than the rates in force.</summary>
    public decimal RepriceUplift { get; init; } = 0.1m;

    /// <summary>A month is under-used when less than this share of the included hours was worked.</summary>
    public decimal UnderUseShare { get; init; } = 0.5m;

    /// <summary>This many agreement-mismatch findings on one agreement call for coding enforcement.</summary>
    public int MiscodingThreshold { get; init; } = 1;

    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        if (MarginFloor is < -1m or > 1m)
        {
            problems.Add(new(nameof(MarginFloor), "must be between -1 and 1"));
        }

        if (RepriceUplift is <= 0m or > 1m)
        {
            problems.Add(new(nameof(RepriceUplift), "must be more than 0 and at most 1"));
        }

        if (UnderUseShare is <= 0m or >= 1m)
        {
            problems.Add(new(nameof(UnderUseShare), "must be between 0 and 1"));
        }

        if (MiscodingThreshold < 1)
        {
            problems.Add(new(nameof(MiscodingThreshold), "must be 1 or more"));
        }

        return problems;
    }
}
