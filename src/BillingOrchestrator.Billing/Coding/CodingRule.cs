using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>
/// One line of a coding standard: which entries it matches and how they must be coded. Name criteria are
/// wildcard patterns over ConnectWise names (<c>*</c>, <c>?</c>, case-insensitive) so a standard travels between
/// tenants; null criteria match anything. Higher <see cref="Priority"/> wins, then the more specific rule.
/// </summary>
public sealed record CodingRule
{
    /// <summary>The <see cref="AgreementType"/> pattern that matches only entries without an agreement.</summary>
    public const string NoAgreement = "(none)";

    public const string Any = "*";

    public required string Id { get; init; }

    public string Description { get; init; } = "";

    public int Priority { get; init; }

    /// <summary>Agreement type name pattern; <see cref="NoAgreement"/> for entries charged to no agreement.</summary>
    public string AgreementType { get; init; } = Any;

    public string WorkType { get; init; } = Any;

    public string WorkRole { get; init; } = Any;

    public TimeOfDay? TimeOfDay { get; init; }

    public ChargeToType? ChargeToType { get; init; }

    /// <summary>Whether the agreement's rules cover the work (scope, exclusions, term).</summary>
    public Coverage? Coverage { get; init; }

    public required EntryClassification Classification { get; init; }

    public required BillableOption BillableOption { get; init; }

    /// <summary>How many criteria the rule constrains; a rule with none is a catch-all.</summary>
    public int Specificity =>
        (AgreementType == Any ? 0 : 1) + (WorkType == Any ? 0 : 1) + (WorkRole == Any ? 0 : 1)
        + (TimeOfDay is null ? 0 : 1) + (ChargeToType is null ? 0 : 1) + (Coverage is null ? 0 : 1);
}
