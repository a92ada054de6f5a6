using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Tests.Builders;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class RateNotAppliedCheckTests
{
    private static readonly string[] RateChecks = [LeakageChecks.AfterHoursRateNotApplied, LeakageChecks.RoleRateNotApplied, LeakageChecks.RateDiffersFromAgreement];

    /// <summary>Time and materials bills everything; it sets 210.00/h for the architect role (standard 190.00/h).</summary>
    private static CheckWorld Billing(TimeEntry entry) => new CheckWorld().WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials)).Add(entry);

    private static Dictionary<string, int> FindingsPerRateCheck(CheckWorld world) => RateChecks.ToDictionary(id => id, id => world.Run(id).Count);

    [Fact]
    public void AfterHoursRateNotApplied_EveningWorkAtTheDayRate_IsFoundWithThePremium()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.At(2026, 9, 15, 20)));

        var finding = world.Run(LeakageChecks.AfterHoursRateNotApplied).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(62.5m), "1.5 x 125.00 is due, 125.00 was billed");
        finding.Message.ShouldContain("instead of 187.50 USD/h");
        FindingsPerRateCheck(world).ShouldBe(new Dictionary<string, int>
        {
            [LeakageChecks.AfterHoursRateNotApplied] = 1,
            [LeakageChecks.RoleRateNotApplied] = 0,
            [LeakageChecks.RateDiffersFromAgreement] = 0,
        });
    }

    [Fact]
    public void AfterHoursRateNotApplied_PremiumBilled_IsNotFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.At(2026, 9, 15, 20)) with { HourlyRate = new Money(187.5m) });

        FindingsPerRateCheck(world).Values.ShouldAllBe(count => count == 0);
    }

    [Fact]
    public void RoleRateNotApplied_StandardRoleRateWhereTheRulesSetMore_IsFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.Doing(TestWorld.Remote, TestWorld.Architect)) with { HourlyRate = new Money(190m) });

        var finding = world.Run(LeakageChecks.RoleRateNotApplied).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(20m));
        world.Run(LeakageChecks.RateDiffersFromAgreement).ShouldBeEmpty();
    }

    [Fact]
    public void RoleRateNotApplied_SpecialRoleRateBilled_IsNotFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.Doing(TestWorld.Remote, TestWorld.Architect)) with { HourlyRate = new Money(210m) });

        FindingsPerRateCheck(world).Values.ShouldAllBe(count => count == 0);
    }

    [Fact]
    public void RateDiffersFromAgreement_Discounted_IsFound()
    {
        var world = Billing(CheckWorld.Entry(1) with { HourlyRate = new Money(100m) });

        var finding = world.Run(LeakageChecks.RateDiffersFromAgreement).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(25m));
        world.Run(LeakageChecks.AfterHoursRateNotApplied).ShouldBeEmpty();
        world.Run(LeakageChecks.RoleRateNotApplied).ShouldBeEmpty();
    }

    [Fact]
    public void RateDiffersFromAgreement_RateInForce_OrAboveIt_OrWithinTolerance_IsNotFound()
    {
        Billing(CheckWorld.Entry(1)).Run(LeakageChecks.RateDiffersFromAgreement).ShouldBeEmpty();
        Billing(CheckWorld.Entry(1) with { HourlyRate = new Money(140m) }).Run(LeakageChecks.RateDiffersFromAgreement).ShouldBeEmpty();
        var tolerant = Billing(CheckWorld.Entry(1) with { HourlyRate = new Money(124.5m) });
        tolerant.Options = ValidationOptions.Default with { RateTolerance = 1m };
        tolerant.Run(LeakageChecks.RateDiffersFromAgreement).ShouldBeEmpty();
    }
}
