using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class StaleUnbilledCheckTests
{
    private static CheckWorld Billing(TimeEntry entry) => new CheckWorld().WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials)).Add(entry);

    [Fact]
    public void ReadyToBillStale_ReadyLongerThanTheLimitAndUninvoiced_IsFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.At(2026, 8, 3, 10)));

        var finding = world.Run(LeakageChecks.ReadyToBillStale).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Message.ShouldContain("58 days");
    }

    [Fact]
    public void ReadyToBillStale_YoungerThanTheConfiguredLimit_IsNotFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.At(2026, 8, 3, 10)));
        world.Options = ValidationOptions.Default with { StaleAfterDays = 60 };

        world.Run(LeakageChecks.ReadyToBillStale).ShouldBeEmpty();
        Billing(CheckWorld.Entry(1, b => b.At(2026, 9, 10, 10))).Run(LeakageChecks.ReadyToBillStale).ShouldBeEmpty();
    }

    [Fact]
    public void WriteOffWithoutApproval_UnapprovedCustomerWriteOff_IsFound()
    {
        var world = Billing(CheckWorld.Entry(1, b => b.Coded(BillableOption.DoNotBill)) with { Status = TimeEntryStatus.WrittenOff });

        var finding = world.Run(LeakageChecks.WriteOffWithoutApproval).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Controls().ShouldContain(ControlIds.ExceptionApprovals);
        world.Run(LeakageChecks.CodingStandardMismatch).ShouldBeEmpty("the write-off check owns an unapproved write-off");
    }

    [Fact]
    public void WriteOffWithoutApproval_ApprovedWriteOff_OrInternalTime_IsNotFound()
    {
        var approved = CheckWorld.Entry(1, b => b.Coded(BillableOption.DoNotBill)) with { Status = TimeEntryStatus.WrittenOff, ApprovedBy = "service.manager@msp.example" };
        var internalTime = CheckWorld.Entry(2, b => b.Coded(BillableOption.DoNotBill).OnAgreement(null).ChargedTo(ChargeToType.ChargeCode)) with { CompanyId = 1, Status = TimeEntryStatus.WrittenOff };

        Billing(approved).Add(internalTime).Run(LeakageChecks.WriteOffWithoutApproval).ShouldBeEmpty();
    }
}

internal static class FindingExtensions
{
    public static IReadOnlyList<string> Controls(this Finding finding) => BillingChecks.Find(finding.CheckId)!.Controls;
}
