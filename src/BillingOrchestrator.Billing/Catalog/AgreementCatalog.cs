using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// The agreement catalog: versioned billing rule sets per agreement type, versioned per-agreement overrides and
/// the accountable owner of each enrolled agreement. Every change is validated and returns all its problems;
/// nothing changes when there are any. Not thread-safe for writes.
/// </summary>
public sealed class AgreementCatalog
{
    private readonly Dictionary<int, List<BillingRuleSet>> _ruleSets = [];
    private readonly Dictionary<int, List<AgreementRuleOverride>> _overrides = [];
    private readonly Dictionary<int, string> _owners = [];

    public IEnumerable<BillingRuleSet> RuleSets => _ruleSets.OrderBy(p => p.Key).SelectMany(p => p.Value);

    public IEnumerable<AgreementRuleOverride> Overrides => _overrides.OrderBy(p => p.Key).SelectMany(p => p.Value);

    /// <summary>Owner email per enrolled agreement id.</summary>
    public IReadOnlyDictionary<int, string> Owners => _owners;

    /// <summary>Every published version of an agreement type's rules, oldest first.</summary>
    public IReadOnlyList<BillingRuleSet> HistoryOf(int agreementTypeId) =>
        _ruleSets.TryGetValue(agreementTypeId, out var list) ? list : [];

    /// <summary>
    /// Publishes the next version of a type's rules. It must be numbered one past the latest and start after it;
    /// the latest version then ends the day before.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Publish(BillingRuleSet ruleSet)
    {
        var problems = ruleSet.Validate();
        var history = _ruleSets.TryGetValue(ruleSet.AgreementTypeId, out var list) ? list : null;
        CheckSequence(history is null ? null : history[^1].Version, ruleSet.Version, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (history is null)
        {
            _ruleSets[ruleSet.AgreementTypeId] = [ruleSet];
        }
        else
        {
            history[^1] = history[^1] with { Version = Supersede(history[^1].Version, ruleSet.Version) };
            history.Add(ruleSet);
        }

        return problems;
    }

    /// <summary>Publishes the next version of one agreement's overrides, with the same sequencing as rule sets.</summary>
    public IReadOnlyList<ValidationProblem> Publish(AgreementRuleOverride rulesOverride)
    {
        var problems = rulesOverride.Validate();
        var history = _overrides.TryGetValue(rulesOverride.AgreementId, out var list) ? list : null;
        CheckSequence(history is null ? null : history[^1].Version, rulesOverride.Version, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (history is null)
        {
            _overrides[rulesOverride.AgreementId] = [rulesOverride];
        }
        else
        {
            history[^1] = history[^1] with { Version = Supersede(history[^1].Version, rulesOverride.Version) };
            history.Add(rulesOverride);
        }

        return problems;
    }

    /// <summary>
    /// Admits an agreement: every mandatory intake field must be present and valid and its type must have rules.
    /// Enrolling again replaces the owner.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Enroll(AgreementIntake intake)
    {
        var problems = new List<ValidationProblem>(intake.Validate());
        if (intake.TypeId is { } typeId && !_ruleSets.ContainsKey(typeId))
        {
            problems.Add(new("type", $"agreement type {typeId} has no billing rule set in the catalog"));
        }

        if (problems.Count == 0)
        {
            _owners[intake.AgreementId!.Value] = intake.Owner!.Trim();
        }

        return problems;
    }

    /// <summary>Restores an owner recorded by an earlier <see cref="Enroll"/> when a stored catalog is loaded; intake was validated then.</summary>
    public void RestoreOwner(int agreementId, string owner) => _owners[agreementId] = owner;

    public bool IsEnrolled(int agreementId) => _owners.ContainsKey(agreementId);

    public string? OwnerOf(int agreementId) => _owners.GetValueOrDefault(agreementId);

    public BillingRuleSet? FindRuleSet(int agreementTypeId, DateOnly date) =>
        _ruleSets.TryGetValue(agreementTypeId, out var list) ? Effective(list, date, r => r.Version) : null;

    public AgreementRuleOverride? FindOverride(int agreementId, DateOnly date) =>
        _overrides.TryGetValue(agreementId, out var list) ? Effective(list, date, o => o.Version) : null;

    /// <summary>The rules that apply to <paramref name="agreement"/> on <paramref name="date"/>; null when its type has no rule set then.</summary>
    public BillingRules? Resolve(Agreement agreement, DateOnly date) =>
        FindRuleSet(agreement.TypeId, date) is { } ruleSet
            ? BillingRules.Merge(agreement, ruleSet, FindOverride(agreement.Id, date))
            : null;

    private static T? Effective<T>(List<T> versions, DateOnly date, Func<T, RuleVersion> version)
        where T : class
    {
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (version(versions[i]).IsEffectiveOn(date))
            {
                return versions[i];
            }
        }

        return null;
    }

    private static void CheckSequence(RuleVersion? latest, RuleVersion next, List<ValidationProblem> problems)
    {
        var expected = (latest?.Number ?? 0) + 1;
        if (next.Number != expected)
        {
            problems.Add(new("version.number", $"must be {expected}: versions are numbered in order"));
        }

        if (latest is not null && next.EffectiveFrom <= latest.EffectiveFrom)
        {
            problems.Add(new("version.effectiveFrom", $"must be after {latest.EffectiveFrom:yyyy-MM-dd}, when version {latest.Number} took effect"));
        }
    }

    private static RuleVersion Supersede(RuleVersion latest, RuleVersion next)
    {
        var end = next.EffectiveFrom.AddDays(-1);
        return latest.EffectiveTo is { } to && to <= end ? latest : latest with { EffectiveTo = end };
    }
}
