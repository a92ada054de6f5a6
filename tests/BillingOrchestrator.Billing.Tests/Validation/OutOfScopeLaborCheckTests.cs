using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class OutOfScopeLaborCheckTests
{
    [Fact]
    public void ExcludedWorkCovered_ExcludedWorkTypeApplied_IsFoundAtTheEntryRate()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Doing(TestWorld.Project).Covered()));

        var finding = world.Run(LeakageChecks.ExcludedWorkCovered).ShouldHaveSingleItem();

        finding.TimeEntryIds.ShouldBe([1]);
        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Category.ShouldBe(LeakageKind.OutOfScopeLabor);
        finding.Message.ShouldContain("work type 4 is not covered");
    }

    [Fact]
    public void ExcludedWorkCovered_CoveredWorkType_IsNotFound()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Covered()), CheckWorld.Entry(2, b => b.Doing(TestWorld.Project)));

        world.Run(LeakageChecks.ExcludedWorkCovered).ShouldBeEmpty();
    }

    [Fact]
    public void CoveredOutsideAgreementTerm_AppliedBeforeTheStart_IsFound()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.Running(new DateOnly(2026, 9, 20), null))
            .Add(CheckWorld.Entry(1, b => b.Covered()));

        var finding = world.Run(LeakageChecks.CoveredOutsideAgreementTerm).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Message.ShouldContain("from 2026-09-20");
    }

    [Fact]
    public void CoveredOutsideAgreementTerm_AppliedInTerm_IsNotFound()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.Running(new DateOnly(2026, 9, 20), null))
            .Add(CheckWorld.Entry(1, b => b.At(2026, 9, 22, 10).Covered()));

        world.Run(LeakageChecks.CoveredOutsideAgreementTerm).ShouldBeEmpty();
    }

    [Fact]
    public void CoveredOnAgreementWithoutTimeCoverage_TimeAndMaterialsAbsorbsTime_IsFound()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials))
            .Add(CheckWorld.Lasting(CheckWorld.Entry(1, b => b.Covered()), 2m));

        var finding = world.Run(LeakageChecks.CoveredOnAgreementWithoutTimeCoverage).ShouldHaveSingleItem();

        finding.Hours.ShouldBe(new Hours(2m));
        finding.AmountAtRisk.ShouldBe(new Money(250m));
    }

    [Fact]
    public void CoveredOnAgreementWithoutTimeCoverage_TimeAndMaterialsBillsTime_IsNotFound()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials))
            .Add(CheckWorld.Entry(1));

        world.Run(LeakageChecks.CoveredOnAgreementWithoutTimeCoverage).ShouldBeEmpty();
    }
}
