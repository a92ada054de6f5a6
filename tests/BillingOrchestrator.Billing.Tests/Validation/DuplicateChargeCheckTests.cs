using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class DuplicateChargeCheckTests
{
    private static CheckWorld TimeAndMaterials() => new CheckWorld().WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials));

    [Fact]
    public void OverlappingTime_SameTechnicianTwiceAtOnce_IsFoundWithTheOverlap()
    {
        var world = TimeAndMaterials().Add(
            CheckWorld.Entry(1),
            CheckWorld.Entry(2, b => b.At(2026, 9, 15, 10)) with { TimeStart = new DateTimeOffset(2026, 9, 15, 10, 30, 0, TimeSpan.Zero), TimeEnd = new DateTimeOffset(2026, 9, 15, 11, 30, 0, TimeSpan.Zero), ChargeToId = 501 });

        var finding = world.Run(LeakageChecks.OverlappingTime).ShouldHaveSingleItem();

        finding.TimeEntryIds.ShouldBe([2]);
        finding.Records.ShouldBe([new SourceRef(EntityKind.TimeEntry, 2), new SourceRef(EntityKind.TimeEntry, 1)]);
        finding.Hours.ShouldBe(new Hours(0.5m));
        finding.AmountAtRisk.ShouldBe(new Money(62.5m));
    }

    [Fact]
    public void OverlappingTime_BackToBackOrWithinTolerance_IsNotFound()
    {
        var world = TimeAndMaterials().Add(
            CheckWorld.Entry(1),
            CheckWorld.Entry(2, b => b.At(2026, 9, 15, 11)),
            CheckWorld.Entry(3, b => b.At(2026, 9, 15, 12)) with { TimeStart = new DateTimeOffset(2026, 9, 15, 11, 57, 0, TimeSpan.Zero) });

        world.Run(LeakageChecks.OverlappingTime).ShouldBeEmpty();
    }

    [Fact]
    public void IdenticalEntries_SameEntryLoggedTwice_IsFoundOnceAgainstTheFirst()
    {
        var world = TimeAndMaterials().Add(CheckWorld.Entry(1), CheckWorld.Entry(2));

        var finding = world.Run(LeakageChecks.IdenticalEntries).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.TimeEntry, 2), new SourceRef(EntityKind.TimeEntry, 1)]);
        finding.AmountAtRisk.ShouldBe(new Money(125m));
        world.Run(LeakageChecks.OverlappingTime).ShouldBeEmpty("an identical repeat is reported once, as identical");
    }

    [Fact]
    public void IdenticalEntries_DifferentNotes_IsNotFound()
    {
        var world = TimeAndMaterials().Add(CheckWorld.Entry(1) with { Notes = "Remote session" }, CheckWorld.Entry(2) with { Notes = "Follow-up call" });

        world.Run(LeakageChecks.IdenticalEntries).ShouldBeEmpty();
    }

    [Fact]
    public void LabourOnTwoInvoices_EntryOnTwoInvoices_IsFoundWithTheRepeatedLine()
    {
        var world = TimeAndMaterials().Add(CheckWorld.Entry(1) with { Status = TimeEntryStatus.Billed, InvoiceId = 900 });
        world.Invoices.Add(CheckWorld.TimeInvoice(900, new DateOnly(2026, 9, 20), InvoiceType.Standard, CheckWorld.Line(EntityKind.TimeEntry, 1, 125m)));
        world.Invoices.Add(CheckWorld.TimeInvoice(901, new DateOnly(2026, 9, 27), InvoiceType.Standard, CheckWorld.Line(EntityKind.TimeEntry, 1, 125m)));

        var finding = world.Run(LeakageChecks.LabourOnTwoInvoices).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.TimeEntry, 1), new SourceRef(EntityKind.Invoice, 900), new SourceRef(EntityKind.Invoice, 901)]);
        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Severity.ShouldBe(Severity.Critical);
    }

    [Fact]
    public void LabourOnTwoInvoices_RebilledAfterACreditMemo_IsNotFound()
    {
        var world = TimeAndMaterials().Add(CheckWorld.Entry(1) with { Status = TimeEntryStatus.Billed, InvoiceId = 902 });
        world.Invoices.Add(CheckWorld.TimeInvoice(900, new DateOnly(2026, 9, 20), InvoiceType.Standard, CheckWorld.Line(EntityKind.TimeEntry, 1, 125m)));
        world.Invoices.Add(CheckWorld.TimeInvoice(901, new DateOnly(2026, 9, 21), InvoiceType.CreditMemo, CheckWorld.Line(EntityKind.TimeEntry, 1, -125m)));
        world.Invoices.Add(CheckWorld.TimeInvoice(902, new DateOnly(2026, 9, 22), InvoiceType.Standard, CheckWorld.Line(EntityKind.TimeEntry, 1, 125m)));

        world.Run(LeakageChecks.LabourOnTwoInvoices).ShouldBeEmpty();
    }

    private static CheckWorld WithAddition() => new CheckWorld().WithAgreement(a => a.With(x => x with
    {
        Additions = [new AgreementAddition { Id = 40, AgreementId = CheckWorld.Agreement, Product = "M365", Quantity = 10m, UnitPrice = new Money(22m), UnitCost = new Money(18m), BillCustomer = BillableOption.Billable }],
    }));

    [Fact]
    public void AdditionBilledTwice_SameAdditionTwiceInOneMonth_IsFound()
    {
        var world = WithAddition();
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.AgreementAddition, 40, 220m)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(901, new DateOnly(2026, 9, 4), CheckWorld.Line(EntityKind.AgreementAddition, 40, 220m)) with { Type = InvoiceType.Miscellaneous });

        var finding = world.Run(LeakageChecks.AdditionBilledTwice).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.AgreementAddition, 40), new SourceRef(EntityKind.Invoice, 900), new SourceRef(EntityKind.Invoice, 901)]);
        finding.AmountAtRisk.ShouldBe(new Money(220m));
    }

    [Fact]
    public void AdditionBilledTwice_OncePerMonth_IsNotFound()
    {
        var world = WithAddition();
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 8, 1), CheckWorld.Line(EntityKind.AgreementAddition, 40, 220m)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(901, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.AgreementAddition, 40, 220m)));

        world.Run(LeakageChecks.AdditionBilledTwice).ShouldBeEmpty();
    }
}
