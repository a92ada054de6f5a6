namespace BillingOrchestrator.Billing.Catalog;

/// <summary>Field checks shared by rule sets and agreement overrides.</summary>
internal static class RuleChecks
{
    public static void Allowance(Allowance? allowance, string field, List<ValidationProblem> problems)
    {
        if (allowance is { Quantity: <= 0 })
        {
            problems.Add(new($"{field}.quantity", "must be more than zero, or null for unlimited"));
        }
    }

    public static void Overage(OverageTrigger? overage, string field, List<ValidationProblem> problems)
    {
        if (overage is null)
        {
            return;
        }

        if (overage.ThresholdPercent <= 0)
        {
            problems.Add(new($"{field}.thresholdPercent", "must be more than zero"));
        }

        if (overage.OverageRate is { } rate && rate < Money.Zero)
        {
            problems.Add(new($"{field}.overageRate", "must not be negative"));
        }
    }

    public static void Rates(decimal? afterHours, decimal? emergency, IReadOnlyDictionary<int, Money> roleRates, string field, List<ValidationProblem> problems)
    {
        if (afterHours < 1m)
        {
            problems.Add(new($"{field}.afterHoursMultiplier", "must be 1 or more: after-hours work never costs less"));
        }

        if (emergency < 1m)
        {
            problems.Add(new($"{field}.emergencyMultiplier", "must be 1 or more"));
        }

        foreach (var (roleId, rate) in roleRates)
        {
            if (rate <= Money.Zero)
            {
                problems.Add(new($"{field}.roleRates[{roleId}]", "must be more than zero"));
            }
        }
    }
}
