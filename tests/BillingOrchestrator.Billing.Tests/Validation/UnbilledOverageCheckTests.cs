using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class UnbilledOverageCheckTests
{
    private static CheckWorld BlockOf(decimal includedHours, int typeId = TestWorld.Block, params int[] days)
    {
        var world = new CheckWorld().WithAgreement(a => a.OfType(typeId).WithLimit(ApplicationUnits.Hours, includedHours));
        for (var k = 0; k < days.Length; k++)
        {
            world.Add(CheckWorld.Entry(k + 1, b => b.At(2026, 9, days[k], 10).Covered()));
        }

        return world;
    }

    [Fact]
    public void UnbilledOverage_BlockUsedUpAndStillAbsorbing_IsFoundAtTheCatalogOverageRate()
    {
        var world = BlockOf(2m, TestWorld.Block, 14, 15, 16);

        var finding = world.Run(LeakageChecks.UnbilledOverage).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.Agreement, CheckWorld.Agreement), new SourceRef(EntityKind.TimeEntry, 3)]);
        finding.Hours.ShouldBe(new Hours(1m));
        finding.AmountAtRisk.ShouldBe(new Money(150m), "the block-hours rule set bills overage at 150.00/h");
        finding.Message.ShouldContain("neither billed nor approved");
    }

    [Fact]
    public void UnbilledOverage_WithinTheBlock_OrAWarnOnlyRule_IsNotFound()
    {
        BlockOf(3m, TestWorld.Block, 14, 15, 16).Run(LeakageChecks.UnbilledOverage).ShouldBeEmpty();
        BlockOf(2m, TestWorld.Retainer, 14, 15, 16).Run(LeakageChecks.UnbilledOverage).ShouldBeEmpty("retainers only warn the owner past the allowance");
    }

    [Fact]
    public void UnbilledOverage_CyclesAreCountedSeparately()
    {
        var world = BlockOf(2m, TestWorld.Block, 14, 15);
        world.Add(CheckWorld.Entry(3, b => b.At(2026, 8, 20, 10).Covered()));

        world.Run(LeakageChecks.UnbilledOverage).ShouldBeEmpty("two hours in September and one in August stay within each month's block");
    }
}
