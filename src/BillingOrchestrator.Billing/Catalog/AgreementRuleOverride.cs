namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// One agreement's approved departures from its type's rule set. Every property left null (or empty) keeps the
/// rule set's value; role rates are laid over the rule set's.
/// </summary>
public sealed record AgreementRuleOverride
{
    public required int AgreementId { get; init; }

    public required RuleVersion Version { get; init; }

    public Allowance? Included { get; init; }

    public bool? CoversTime { get; init; }

    public IReadOnlyList<int> ExcludeWorkTypeIds { get; init; } = [];

    /// <summary>Work types the rule set excludes that this agreement covers after all.</summary>
    public IReadOnlyList<int> IncludeWorkTypeIds { get; init; } = [];

    public IReadOnlyList<int> ExcludeWorkRoleIds { get; init; } = [];

    public IReadOnlyList<int> IncludeWorkRoleIds { get; init; } = [];

    public OverageTrigger? Overage { get; init; }

    public decimal? AfterHoursMultiplier { get; init; }

    public BusinessHours? BusinessHours { get; init; }

    public IReadOnlyDictionary<int, Money> RoleRates { get; init; } = new Dictionary<int, Money>();

    internal List<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        Version.Validate("version", problems);
        if (AgreementId <= 0)
        {
            problems.Add(new("agreementId", "required"));
        }

        RuleChecks.Allowance(Included, "included", problems);
        RuleChecks.Overage(Overage, "overage", problems);
        RuleChecks.Rates(AfterHoursMultiplier, null, RoleRates, "rates", problems);
        foreach (var id in ExcludeWorkTypeIds)
        {
            if (IncludeWorkTypeIds.Contains(id))
            {
                problems.Add(new("excludeWorkTypeIds", $"work type {id} is both included and excluded"));
            }
        }

        foreach (var id in ExcludeWorkRoleIds)
        {
            if (IncludeWorkRoleIds.Contains(id))
            {
                problems.Add(new("excludeWorkRoleIds", $"work role {id} is both included and excluded"));
            }
        }

        return problems;
    }
}
