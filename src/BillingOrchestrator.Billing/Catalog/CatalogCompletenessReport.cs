using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>Which active agreements lack an owner, effective rules or mandatory intake fields.</summary>
public sealed record CatalogCompletenessReport(DateOnly AsOf, int AgreementsChecked, IReadOnlyList<CatalogGap> Gaps)
{
    public int CompleteAgreements => AgreementsChecked - Gaps.Count;

    /// <summary>Checks every agreement that is Active on <paramref name="asOf"/>, in agreement id order.</summary>
    public static CatalogCompletenessReport Build(IEnumerable<Agreement> agreements, AgreementCatalog catalog, DateOnly asOf)
    {
        var gaps = new List<CatalogGap>();
        var checkedCount = 0;
        foreach (var agreement in agreements.Where(a => a.AgreementStatus == AgreementStatus.Active).OrderBy(a => a.Id))
        {
            checkedCount++;
            var problems = new List<ValidationProblem>(AgreementIntake.FromAgreement(agreement, catalog.OwnerOf(agreement.Id)).Validate());
            if (catalog.Resolve(agreement, asOf) is null)
            {
                problems.Add(new("rules", $"no billing rule set for agreement type {agreement.TypeId} is effective on {asOf:yyyy-MM-dd}"));
            }

            if (problems.Count > 0)
            {
                gaps.Add(new CatalogGap(agreement.Id, agreement.Name, agreement.CompanyId, problems));
            }
        }

        return new CatalogCompletenessReport(asOf, checkedCount, gaps);
    }
}
