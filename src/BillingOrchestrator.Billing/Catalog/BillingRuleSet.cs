namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// The standard billing rules for one agreement type, as one approved version: what is included per cycle, which
/// work types and roles are covered or excluded, when overage starts and what it costs, and special rates.
/// </summary>
public sealed record BillingRuleSet
{
    public required int AgreementTypeId { get; init; }

    public required RuleVersion Version { get; init; }

    /// <summary>Included quantity per cycle; null takes it from each agreement's own application settings (block sizes vary).</summary>
    public Allowance? Included { get; init; }

    /// <summary>Whether agreements of this type absorb time at all (false for time and materials).</summary>
    public bool CoversTime { get; init; } = true;

    /// <summary>Work types covered; empty means every work type that is not excluded.</summary>
    public IReadOnlyList<int> CoveredWorkTypeIds { get; init; } = [];

    public IReadOnlyList<int> ExcludedWorkTypeIds { get; init; } = [];

    /// <summary>Work roles covered; empty means every work role that is not excluded.</summary>
    public IReadOnlyList<int> CoveredWorkRoleIds { get; init; } = [];

    public IReadOnlyList<int> ExcludedWorkRoleIds { get; init; } = [];

    public required OverageTrigger Overage { get; init; }

    public SpecialRates Rates { get; init; } = SpecialRates.Standard;

    internal List<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        Version.Validate("version", problems);
        if (AgreementTypeId <= 0)
        {
            problems.Add(new("agreementTypeId", "required"));
        }

        RuleChecks.Allowance(Included, "included", problems);
        RuleChecks.Overage(Overage, "overage", problems);
        RuleChecks.Rates(Rates.AfterHoursMultiplier, Rates.EmergencyMultiplier, Rates.RoleRates, "rates", problems);
        foreach (var id in CoveredWorkTypeIds)
        {
            if (ExcludedWorkTypeIds.Contains(id))
            {
                problems.Add(new("excludedWorkTypeIds", $"work type {id} is both covered and excluded"));
            }
        }

        foreach (var id in CoveredWorkRoleIds)
        {
            if (ExcludedWorkRoleIds.Contains(id))
            {
                problems.Add(new("excludedWorkRoleIds", $"work role {id} is both covered and excluded"));
            }
        }

        return problems;
    }
}
