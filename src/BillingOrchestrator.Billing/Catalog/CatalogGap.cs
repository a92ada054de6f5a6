namespace BillingOrchestrator.Billing.Catalog;

/// <summary>One agreement that is not fully in the catalog, with every problem named.</summary>
public sealed record CatalogGap(int AgreementId, string AgreementName, int CompanyId, IReadOnlyList<ValidationProblem> Problems)
{
    public bool LacksOwner => Problems.Any(p => p.Field == "owner");

    public bool LacksRules => Problems.Any(p => p.Field == "rules");

    public bool LacksIntakeFields => Problems.Any(p => p.Field is not ("owner" or "rules"));
}
