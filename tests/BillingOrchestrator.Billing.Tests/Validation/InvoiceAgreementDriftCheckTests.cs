using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class InvoiceAgreementDriftCheckTests
{
    private static readonly DateTimeOffset Changed = new(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);

    private static CheckWorld Changing(params AgreementAddition[] additions) =>
        new CheckWorld().WithAgreement(a => a.With(x => x with { BillAmount = new Money(2500m), LastUpdated = Changed, Additions = additions }));

    private static AgreementAddition Firewall(DateOnly from) => new()
    {
        Id = 41,
        AgreementId = CheckWorld.Agreement,
        Product = "MANAGED-FIREWALL",
        Quantity = 2m,
        UnitPrice = new Money(95m),
        UnitCost = new Money(40m),
        BillCustomer = BillableOption.Billable,
        EffectiveDate = from,
    };

    [Fact]
    public void AgreementAmountDrift_InvoiceAfterTheChangeBillsTheOldFee_IsFound()
    {
        var world = Changing();
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2300m)));

        var finding = world.Run(LeakageChecks.AgreementAmountDrift).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.Agreement, CheckWorld.Agreement), new SourceRef(EntityKind.Invoice, 900)]);
        finding.AmountAtRisk.ShouldBe(new Money(200m));
    }

    [Fact]
    public void AgreementAmountDrift_InvoiceBeforeTheChange_OrAtTheNewFee_IsNotFound()
    {
        var world = Changing();
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 8, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2300m)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(901, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2500m)));

        world.Run(LeakageChecks.AgreementAmountDrift).ShouldBeEmpty();
    }

    [Fact]
    public void AdditionNotInvoiced_BillableAdditionMissingFromTheInvoice_IsFoundOnce()
    {
        var world = Changing(Firewall(new DateOnly(2026, 8, 10)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2500m)));

        var finding = world.Run(LeakageChecks.AdditionNotInvoiced).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.AgreementAddition, 41), new SourceRef(EntityKind.Invoice, 900)]);
        finding.AmountAtRisk.ShouldBe(new Money(190m));
        world.Run(LeakageChecks.AgreementAmountDrift).ShouldBeEmpty("a missing addition is reported as such, not as drift too");
    }

    [Fact]
    public void AdditionNotInvoiced_BilledOrNotYetEffective_IsNotFound()
    {
        var world = Changing(Firewall(new DateOnly(2026, 8, 10)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(899, new DateOnly(2026, 8, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2500m)));
        world.Invoices.Add(CheckWorld.AgreementInvoice(900, new DateOnly(2026, 9, 1), CheckWorld.Line(EntityKind.Agreement, CheckWorld.Agreement, 2500m), CheckWorld.Line(EntityKind.AgreementAddition, 41, 190m, 2m)));

        world.Run(LeakageChecks.AdditionNotInvoiced).ShouldBeEmpty();
    }
}
