using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class AgreementMismatchCheckTests
{
    [Fact]
    public void OtherCompanyAgreement_TimeAbsorbedByAnotherCustomersAgreement_IsFound()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.ForCompany(CheckWorld.OtherCustomer))
            .Add(CheckWorld.Entry(1, b => b.Covered()));

        var finding = world.Run(LeakageChecks.OtherCompanyAgreement).ShouldHaveSingleItem();

        finding.CompanyId.ShouldBe(CheckWorld.Customer, "the money belongs to the customer who had the work done");
        finding.Records.ShouldContain(new SourceRef(EntityKind.Agreement, CheckWorld.Agreement));
        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Message.ShouldContain("Globex");
    }

    [Fact]
    public void OtherCompanyAgreement_OwnAgreement_IsNotFound()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Covered()));

        world.Run(LeakageChecks.OtherCompanyAgreement).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(AgreementStatus.Cancelled)]
    [InlineData(AgreementStatus.Expired)]
    [InlineData(AgreementStatus.Inactive)]
    public void InactiveAgreement_TimeOnAnAgreementNoLongerActive_IsFound(AgreementStatus status)
    {
        var world = new CheckWorld().WithAgreement(a => a.WithStatus(status)).Add(CheckWorld.Entry(1, b => b.Covered()));

        var finding = world.Run(LeakageChecks.InactiveAgreement).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Message.ShouldContain(status.ToString());
    }

    [Fact]
    public void InactiveAgreement_ActiveAgreement_IsNotFound()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Covered()));

        world.Run(LeakageChecks.InactiveAgreement).ShouldBeEmpty();
    }

    [Fact]
    public void TicketAgreementMismatch_EntryAbsorbedByAnAgreementOtherThanItsTickets_IsFound()
    {
        var world = new CheckWorld();
        world.Agreements.Add(new AgreementBuilder().WithId(20).OfType(TestWorld.TimeAndMaterials).Build());
        world.Tickets[0] = CheckWorld.NewTicket(CheckWorld.Ticket, agreementId: 20);
        world.Add(CheckWorld.Entry(1, b => b.Covered()));

        var finding = world.Run(LeakageChecks.TicketAgreementMismatch).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.TimeEntry, 1), new SourceRef(EntityKind.ServiceTicket, CheckWorld.Ticket)]);
        finding.AmountAtRisk.ShouldBe(new Money(125m), "the ticket's time-and-materials agreement would have billed the hour");
    }

    [Fact]
    public void TicketAgreementMismatch_EntryOnItsTicketsAgreement_IsNotFound()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Covered()));

        world.Run(LeakageChecks.TicketAgreementMismatch).ShouldBeEmpty();
    }

    [Fact]
    public void CodingStandardMismatch_NoChargeOnTimeAndMaterials_IsFoundWithTheUnbilledHours()
    {
        var world = new CheckWorld()
            .WithAgreement(a => a.OfType(TestWorld.TimeAndMaterials))
            .Add(CheckWorld.Entry(1, b => b.Coded(BillableOption.NoCharge)));

        var finding = world.Run(LeakageChecks.CodingStandardMismatch).ShouldHaveSingleItem();

        finding.AmountAtRisk.ShouldBe(new Money(125m));
        finding.Message.ShouldContain("coded NoCharge where rule 'time-and-materials-billable' says Billable");
    }

    [Fact]
    public void CodingStandardMismatch_CodedAsTheStandardSays_IsNotFound()
    {
        var world = new CheckWorld().Add(
            CheckWorld.Entry(1, b => b.Covered()),
            CheckWorld.Entry(2, b => b.Doing(TestWorld.Project).At(2026, 9, 16, 10)));

        world.Run(LeakageChecks.CodingStandardMismatch).ShouldBeEmpty();
    }
}
