using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// The rules that apply to one agreement on a given date: its type's rule set version with the agreement's
/// override laid over it. Built by <see cref="AgreementCatalog.Resolve"/>.
/// </summary>
public sealed class BillingRules
{
    private readonly HashSet<int> _coveredWorkTypes;
    private readonly HashSet<int> _excludedWorkTypes;
    private readonly HashSet<int> _coveredWorkRoles;
    private readonly HashSet<int> _excludedWorkRoles;

    private BillingRules(Agreement agreement, BillingRuleSet ruleSet, AgreementRuleOverride? rulesOverride)
    {
        Agreement = agreement;
        RuleSet = ruleSet;
        Override = rulesOverride;
        Included = rulesOverride?.Included ?? ruleSet.Included ?? Allowance.FromAgreement(agreement);
        CoversTime = rulesOverride?.CoversTime ?? ruleSet.CoversTime;
        Overage = rulesOverride?.Overage ?? ruleSet.Overage;
        _coveredWorkTypes = [.. ruleSet.CoveredWorkTypeIds];
        _excludedWorkTypes = [.. ruleSet.ExcludedWorkTypeIds];
        _coveredWorkRoles = [.. ruleSet.CoveredWorkRoleIds];
        _excludedWorkRoles = [.. ruleSet.ExcludedWorkRoleIds];
        var rates = ruleSet.Rates;
        if (rulesOverride is not null)
        {
            Apply(rulesOverride.ExcludeWorkTypeIds, rulesOverride.IncludeWorkTypeIds, _coveredWorkTypes, _excludedWorkTypes);
            Apply(rulesOverride.ExcludeWorkRoleIds, rulesOverride.IncludeWorkRoleIds, _coveredWorkRoles, _excludedWorkRoles);
            var roleRates = new Dictionary<int, Money>(rates.RoleRates);
            foreach (var (roleId, rate) in rulesOverride.RoleRates)
            {
                roleRates[roleId] = rate;
            }

            rates = rates with
            {
                AfterHoursMultiplier = rulesOverride.AfterHoursMultiplier ?? rates.AfterHoursMultiplier,
                BusinessHours = rulesOverride.BusinessHours ?? rates.BusinessHours,
                RoleRates = roleRates,
            };
        }

        Rates = rates;
    }

    public Agreement Agreement { get; }

    public BillingRuleSet RuleSet { get; }

    public AgreementRuleOverride? Override { get; }

    public Allowance Included { get; }

    public bool CoversTime { get; }

    public OverageTrigger Overage { get; }

    public SpecialRates Rates { get; }

    public IReadOnlyCollection<int> ExcludedWorkTypeIds => _excludedWorkTypes;

    public IReadOnlyCollection<int> ExcludedWorkRoleIds => _excludedWorkRoles;

    /// <summary>"rule set v2 + override v1": which approved versions decided.</summary>
    public string VersionLabel => Override is null
        ? $"rule set v{RuleSet.Version.Number}"
        : $"rule set v{RuleSet.Version.Number} + override v{Override.Version.Number}";

    public static BillingRules Merge(Agreement agreement, BillingRuleSet ruleSet, AgreementRuleOverride? rulesOverride) =>
        new(agreement, ruleSet, rulesOverride);

    /// <summary>Whether the agreement covers work of this type and role on this date; when it does not, why.</summary>
    public (Coverage Coverage, string? Reason) CoverageOf(int workTypeId, int workRoleId, DateOnly date)
    {
        if (!CoversTime)
        {
            return (Coverage.NoCoverage, "the agreement does not cover time");
        }

        if (!Agreement.IsInTerm(date))
        {
            return (Coverage.OutOfScope, $"{date:yyyy-MM-dd} is outside the agreement's term");
        }

        if (_excludedWorkTypes.Contains(workTypeId) || (_coveredWorkTypes.Count > 0 && !_coveredWorkTypes.Contains(workTypeId)))
        {
            return (Coverage.OutOfScope, $"work type {workTypeId} is not covered ({VersionLabel})");
        }

        if (_excludedWorkRoles.Contains(workRoleId) || (_coveredWorkRoles.Count > 0 && !_coveredWorkRoles.Contains(workRoleId)))
        {
            return (Coverage.OutOfScope, $"work role {workRoleId} is not covered ({VersionLabel})");
        }

        return (Coverage.InScope, null);
    }

    private static void Apply(IReadOnlyList<int> exclude, IReadOnlyList<int> include, HashSet<int> covered, HashSet<int> excluded)
    {
        foreach (var id in exclude)
        {
            excluded.Add(id);
            covered.Remove(id);
        }

        foreach (var id in include)
        {
            excluded.Remove(id);
            if (covered.Count > 0)
            {
                covered.Add(id);
            }
        }
    }
}
