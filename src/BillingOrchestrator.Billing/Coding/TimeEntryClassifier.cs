using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>
/// Labels time entries by a coding standard and flags miscoding. Name patterns are resolved once against the
/// snapshot's agreement types, work types and roles, and merged agreement rules are cached, so classifying a
/// million entries allocates little. Built over one snapshot and one catalog state: rebuild after either changes.
/// Not thread-safe.
/// </summary>
public sealed class TimeEntryClassifier
{
    private readonly CompiledRule[] _rules;
    private readonly Dictionary<int, Agreement> _agreements;
    private readonly Dictionary<int, string> _workTypeNames;
    private readonly AgreementCatalog _catalog;
    private readonly BusinessHours _defaultBusinessHours;
    private readonly Dictionary<(int AgreementId, int RuleSet, int Override), BillingRules> _rulesCache = [];

    public TimeEntryClassifier(CodingStandard standard, BillingSnapshot snapshot, AgreementCatalog catalog, BusinessHours? defaultBusinessHours = null)
    {
        Standard = standard;
        _catalog = catalog;
        _defaultBusinessHours = defaultBusinessHours ?? BusinessHours.Standard;
        _agreements = snapshot.Agreements.ToDictionary(a => a.Id);
        _workTypeNames = snapshot.WorkTypes.ToDictionary(w => w.Id, w => w.Name);
        _rules = [.. standard.Rules.Select(r => new CompiledRule(
            r,
            r.AgreementType is CodingRule.Any or CodingRule.NoAgreement ? null : Matching(snapshot.AgreementTypes, t => t.Id, t => t.Name, r.AgreementType),
            Matching(snapshot.WorkTypes, w => w.Id, w => w.Name, r.WorkType),
            Matching(snapshot.WorkRoles, w => w.Id, w => w.Name, r.WorkRole)))];
    }

    public CodingStandard Standard { get; }

    /// <summary>What the standard says about work with these facts, charged to <paramref name="agreementId"/>.</summary>
    public CodingDecision Decide(int? agreementId, int workTypeId, int workRoleId, ChargeToType chargeToType, DateTimeOffset timeStart)
    {
        Agreement? agreement = null;
        if (agreementId is { } id)
        {
            _agreements.TryGetValue(id, out agreement);
        }

        var date = DateOnly.FromDateTime(timeStart.UtcDateTime);
        var rules = agreement is null ? null : RulesFor(agreement, date);
        var (coverage, reason) = rules?.CoverageOf(workTypeId, workRoleId, date) ?? CoverageWithoutRules(agreement, agreementId, workTypeId, workRoleId, date);
        var afterHours = !(rules?.Rates.BusinessHours ?? _defaultBusinessHours).Contains(timeStart);
        foreach (var compiled in _rules)
        {
            if (compiled.Matches(agreementId is not null, agreement, workTypeId, workRoleId, chargeToType, afterHours, coverage))
            {
                return new CodingDecision(compiled.Rule, coverage, reason, afterHours, rules);
            }
        }

        throw new InvalidOperationException("A coding standard always has a catch-all rule.");
    }

    /// <summary>Labels one entry and says, rule and reasons included, whether it is coded as the standard expects.</summary>
    public EntryClassificationResult Classify(TimeEntry entry)
    {
        var decision = Decide(entry.AgreementId, entry.WorkTypeId, entry.WorkRoleId, entry.ChargeToType, entry.TimeStart);
        var rule = decision.Rule;
        List<string>? reasons = null;
        if (entry.BillableOption != rule.BillableOption)
        {
            (reasons ??= []).Add($"billableOption is {entry.BillableOption}; rule '{rule.Id}' expects {rule.BillableOption} ({rule.Description})");
        }

        if (rule.Classification != EntryClassification.Covered && entry.IsCovered)
        {
            var why = decision.CoverageReason is null ? "" : $": {decision.CoverageReason}";
            (reasons ??= []).Add($"{entry.AgreementHours} applied to agreement {entry.AgreementId}, but rule '{rule.Id}' classifies the work {rule.Classification}{why}");
        }
        else if (rule.Classification == EntryClassification.Covered && !entry.IsCovered
            && entry.BillableOption == BillableOption.Billable && decision.Rules?.Included.IsUnlimited == true)
        {
            (reasons ??= []).Add($"covered by unlimited agreement {entry.AgreementId} under rule '{rule.Id}', but billed to the customer");
        }

        if (entry.AgreementId is { } agreementId && !_agreements.ContainsKey(agreementId))
        {
            (reasons ??= []).Add($"agreement {agreementId} is not in the snapshot");
        }

        return new EntryClassificationResult(
            entry.Id,
            rule.Classification,
            rule.BillableOption,
            rule.Id,
            decision.Coverage,
            decision.AfterHours,
            reasons is not null,
            reasons is null ? [] : reasons);
    }

    /// <summary>The catalog rules for an agreement on a date, merged once per rule-set and override version.</summary>
    public BillingRules? RulesFor(Agreement agreement, DateOnly date)
    {
        if (_catalog.FindRuleSet(agreement.TypeId, date) is not { } ruleSet)
        {
            return null;
        }

        var rulesOverride = _catalog.FindOverride(agreement.Id, date);
        var key = (agreement.Id, ruleSet.Version.Number, rulesOverride?.Version.Number ?? 0);
        if (!_rulesCache.TryGetValue(key, out var rules))
        {
            rules = BillingRules.Merge(agreement, ruleSet, rulesOverride);
            _rulesCache[key] = rules;
        }

        return rules;
    }

    private (Coverage, string?) CoverageWithoutRules(Agreement? agreement, int? agreementId, int workTypeId, int workRoleId, DateOnly date)
    {
        if (agreement is null)
        {
            return (Coverage.NoCoverage, agreementId is null ? null : $"agreement {agreementId} is not in the snapshot");
        }

        // No catalog rules: fall back to what the ConnectWise agreement itself says.
        if (!agreement.CoverAgreementTime)
        {
            return (Coverage.NoCoverage, "the agreement does not cover time (no catalog rules)");
        }

        if (!agreement.IsInTerm(date))
        {
            return (Coverage.OutOfScope, $"{date:yyyy-MM-dd} is outside the agreement's term (no catalog rules)");
        }

        if (agreement.WorkTypeExclusions.Contains(workTypeId))
        {
            return (Coverage.OutOfScope, $"the agreement excludes work type '{_workTypeNames.GetValueOrDefault(workTypeId, "?")}' (no catalog rules)");
        }

        return agreement.WorkRoleExclusions.Contains(workRoleId)
            ? (Coverage.OutOfScope, $"the agreement excludes work role {workRoleId} (no catalog rules)")
            : (Coverage.InScope, null);
    }

    private static HashSet<int>? Matching<T>(IEnumerable<T> items, Func<T, int> id, Func<T, string> name, string pattern) =>
        pattern == CodingRule.Any ? null : [.. items.Where(i => Glob.IsMatch(pattern, name(i))).Select(id)];

    private sealed record CompiledRule(CodingRule Rule, HashSet<int>? AgreementTypes, HashSet<int>? WorkTypes, HashSet<int>? WorkRoles)
    {
        public bool Matches(bool hasAgreement, Agreement? agreement, int workTypeId, int workRoleId, ChargeToType chargeToType, bool afterHours, Coverage coverage)
        {
            if (Rule.AgreementType == CodingRule.NoAgreement ? hasAgreement : AgreementTypes is not null && (agreement is null || !AgreementTypes.Contains(agreement.TypeId)))
            {
                return false;
            }

            return (WorkTypes is null || WorkTypes.Contains(workTypeId))
                && (WorkRoles is null || WorkRoles.Contains(workRoleId))
                && (Rule.ChargeToType is null || Rule.ChargeToType == chargeToType)
                && (Rule.TimeOfDay is null || Rule.TimeOfDay == (afterHours ? TimeOfDay.AfterHours : TimeOfDay.BusinessHours))
                && (Rule.Coverage is null || Rule.Coverage == coverage);
        }
    }
}
