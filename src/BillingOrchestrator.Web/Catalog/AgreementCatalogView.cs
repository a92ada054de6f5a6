using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;

namespace BillingOrchestrator.Web.Catalog;

/// <summary>An agreement as the catalog sees it: its PSA data, owner, the rules in force and what keeps it out of the catalog.</summary>
public sealed record AgreementCatalogView(
    Agreement Agreement,
    string? Owner,
    bool Enrolled,
    BillingRules? EffectiveRules,
    IReadOnlyList<AgreementRuleOverride> Overrides,
    IReadOnlyList<ValidationProblem> IntakeProblems,
    string SourceLink)
{
    public static AgreementCatalogView From(Agreement agreement, AgreementCatalog catalog, DateOnly asOf, SourceLinks links) => new(
        agreement,
        catalog.OwnerOf(agreement.Id),
        catalog.IsEnrolled(agreement.Id),
        catalog.Resolve(agreement, asOf),
        [.. catalog.Overrides.Where(o => o.AgreementId == agreement.Id)],
        AgreementIntake.FromAgreement(agreement, catalog.OwnerOf(agreement.Id)).Validate(),
        links.For(new SourceRef(EntityKind.Agreement, agreement.Id)));
}

/// <summary>A summary row of the agreement list.</summary>
public sealed record AgreementSummary(int Id, string Name, int CompanyId, int TypeId, AgreementStatus AgreementStatus, Money BillAmount, string? Owner, bool Enrolled, bool HasRules, string SourceLink);
