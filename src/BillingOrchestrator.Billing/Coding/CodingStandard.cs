using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>
/// A versioned, approved set of coding rules. <see cref="Rules"/> is in evaluation order: priority, then
/// specificity, then id. Every standard has a catch-all rule, so every entry gets a label.
/// </summary>
public sealed class CodingStandard
{
    private CodingStandard(RuleVersion version, IReadOnlyList<CodingRule> rules)
    {
        Version = version;
        Rules = rules;
    }

    public RuleVersion Version { get; }

    public IReadOnlyList<CodingRule> Rules { get; }

    /// <summary>Builds a standard, or names every problem with it.</summary>
    public static (CodingStandard? Standard, IReadOnlyList<ValidationProblem> Problems) Create(RuleVersion version, IEnumerable<CodingRule> rules)
    {
        var list = rules.ToList();
        var problems = new List<ValidationProblem>();
        version.Validate("version", problems);
        Validate(list, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var ordered = list
            .OrderByDescending(r => r.Priority)
            .ThenByDescending(r => r.Specificity)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return (new CodingStandard(version, ordered), problems);
    }

    /// <summary>The next version with edited rules; this version stays as it was.</summary>
    public (CodingStandard? Standard, IReadOnlyList<ValidationProblem> Problems) Revise(
        IEnumerable<CodingRule> rules, DateOnly effectiveFrom, string approvedBy, DateTimeOffset approvedAt, string changeReason)
    {
        var next = new RuleVersion
        {
            Number = Version.Number + 1,
            EffectiveFrom = effectiveFrom,
            ApprovedBy = approvedBy,
            ApprovedAt = approvedAt,
            ChangeReason = changeReason,
        };
        var result = Create(next, rules);
        if (effectiveFrom <= Version.EffectiveFrom)
        {
            var problems = new List<ValidationProblem>(result.Problems)
            {
                new("version.effectiveFrom", $"must be after {Version.EffectiveFrom:yyyy-MM-dd}, when version {Version.Number} took effect"),
            };
            return (null, problems);
        }

        return result;
    }

    private static void Validate(List<CodingRule> rules, List<ValidationProblem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var field = $"rules[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                problems.Add(new($"{field}.id", "required"));
            }
            else if (!ids.Add(rule.Id))
            {
                problems.Add(new($"{field}.id", $"'{rule.Id}' is used by another rule"));
            }

            foreach (var (name, pattern) in new[] { ("agreementType", rule.AgreementType), ("workType", rule.WorkType), ("workRole", rule.WorkRole) })
            {
                if (string.IsNullOrWhiteSpace(pattern))
                {
                    problems.Add(new($"{field}.{name}", "must be a name pattern; use * for any"));
                }
            }

            if (rule.BillableOption == BillableOption.NoDefault)
            {
                problems.Add(new($"{field}.billableOption", "must say how the entry is charged; NoDefault leaves it to chance"));
            }

            if (rule.Classification == EntryClassification.Covered && rule.Coverage != Coverage.InScope)
            {
                problems.Add(new($"{field}.coverage", "a Covered rule must require coverage InScope: only covered work can be covered"));
            }

            if (rule.Classification == EntryClassification.NonBillable && rule.BillableOption == BillableOption.Billable)
            {
                problems.Add(new($"{field}.billableOption", "NonBillable work cannot be coded Billable"));
            }
        }

        if (!rules.Any(r => r.Specificity == 0))
        {
            problems.Add(new("rules", "needs a catch-all rule (every criterion *) so every entry is classified"));
        }
    }
}
