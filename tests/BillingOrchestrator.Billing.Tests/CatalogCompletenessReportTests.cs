using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests;

public sealed class CatalogCompletenessReportTests
{
    [Fact]
    public void Completeness_ListsAgreementsLackingOwnerRulesOrIntakeFields()
    {
        var catalog = TestWorld.NewCatalog();
        Agreement complete = new AgreementBuilder().WithId(1);
        Agreement noOwner = new AgreementBuilder().WithId(2);
        Agreement noRules = new AgreementBuilder().WithId(3).OfType(TestWorld.Warranty);
        Agreement noCycle = new AgreementBuilder().WithId(4).With(a => a with { ApplicationCycle = null });
        Agreement cancelled = new AgreementBuilder().WithId(5).WithStatus(AgreementStatus.Cancelled);
        catalog.Enroll(AgreementIntake.FromAgreement(complete, "ana@msp.example")).ShouldBeEmpty();

        var report = CatalogCompletenessReport.Build([complete, noOwner, noRules, noCycle, cancelled], catalog, new DateOnly(2026, 10, 1));

        report.AgreementsChecked.ShouldBe(4);
        report.CompleteAgreements.ShouldBe(1);
        report.Gaps.Select(g => (g.AgreementId, g.LacksOwner, g.LacksRules, g.LacksIntakeFields)).ShouldBe(
        [
            (2, true, false, false),
            (3, true, true, false),
            (4, true, false, true),
        ]);
        report.Gaps[2].Problems.Select(p => p.Field).ShouldBe(["owner", "applicationCycle"]);
    }

    [Fact]
    public void Completeness_RulesMustBeEffectiveOnTheReportDate()
    {
        var catalog = TestWorld.NewCatalog();
        Agreement agreement = new AgreementBuilder();
        catalog.Enroll(AgreementIntake.FromAgreement(agreement, "ana@msp.example")).ShouldBeEmpty();

        CatalogCompletenessReport.Build([agreement], catalog, TestWorld.CatalogStart).Gaps.ShouldBeEmpty();
        CatalogCompletenessReport.Build([agreement], catalog, TestWorld.CatalogStart.AddDays(-1)).Gaps.ShouldHaveSingleItem().LacksRules.ShouldBeTrue();
    }
}
