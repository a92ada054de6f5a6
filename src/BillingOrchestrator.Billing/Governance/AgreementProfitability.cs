namespace BillingOrchestrator.Billing.Governance;

/// <summary>
/// One agreement's month: revenue, labour cost, addition cost, margin, the effective hourly rate (revenue per hour
/// worked) and hours used against the hours it includes (null when it does not count hours or is unlimited).
/// </summary>
public sealed record AgreementProfitability(
    int AgreementId,
    string Agreement,
    int CompanyId,
    string Company,
    string ServiceLine,
    Money Revenue,
    Money LabourCost,
    Money AdditionCost,
    Money Margin,
    decimal? GrossMargin,
    Money? EffectiveHourlyRate,
    Hours HoursUsed,
    Hours? IncludedHours,
    decimal? UsagePercent);

/// <summary>Hours used against hours included in each month the review looks back over.</summary>
public sealed record UsagePattern(int AgreementId, string Agreement, string Pattern, IReadOnlyList<MonthUsage> Months);

public sealed record MonthUsage(string Month, Hours Used, Hours Included);

/// <summary>
/// A change the review proposes for one agreement: the kind, why, and the catalog override that enacts it (null for
/// enforce-coding, which changes how time is coded rather than the agreement's rules).
/// </summary>
public sealed record RecommendationProposal(int AgreementId, string Kind, string Rationale, RecommendedChange? Change);

/// <summary>What an accepted recommendation publishes as the agreement's next rule override.</summary>
public sealed record RecommendedChange(decimal? IncludedHours, IReadOnlyDictionary<int, Money>? RoleRates);

/// <summary>The analysis behind a monthly governance review.</summary>
public sealed record GovernanceAnalysis(
    string Month,
    IReadOnlyList<AgreementProfitability> Profitability,
    IReadOnlyList<UsagePattern> Patterns,
    IReadOnlyList<RecommendationProposal> Recommendations);
