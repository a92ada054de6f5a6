using BillingOrchestrator.Billing.Checks;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class MissingTimeCheckTests
{
    [Fact]
    public void ClosedTicketWithoutTime_ClosedInPeriodWithNoTime_IsFoundAtTheLowestRoleRate()
    {
        var world = new CheckWorld();
        world.Tickets.Add(CheckWorld.NewTicket(600, closed: true));

        var finding = world.Run(LeakageChecks.ClosedTicketWithoutTime).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.ServiceTicket, 600)]);
        (finding.CompanyId, finding.AgreementId, finding.ServiceLine).ShouldBe((CheckWorld.Customer, CheckWorld.Agreement, "Help Desk"));
        finding.Hours.ShouldBe(new Hours(1m));
        finding.AmountAtRisk.ShouldBe(new Money(125m), "one hour at the help desk rate, the cheapest role");
        finding.SuggestedDisposition.ShouldBe(SuggestedDisposition.FixInPsa);
    }

    [Fact]
    public void ClosedTicketWithoutTime_ClosedTicketWithTime_OrOpenTicket_IsNotFound()
    {
        var world = new CheckWorld();
        world.Tickets[0] = CheckWorld.NewTicket(CheckWorld.Ticket, closed: true);
        world.Tickets.Add(CheckWorld.NewTicket(601));
        world.Add(CheckWorld.Entry(1));

        world.Run(LeakageChecks.ClosedTicketWithoutTime).ShouldBeEmpty();
    }

    [Fact]
    public void TechnicianDayBelowSchedule_ShortWorkingDay_IsFoundWithTheShortfallAtTheRoleRate()
    {
        var world = new CheckWorld().Add(
            CheckWorld.Lasting(CheckWorld.Entry(1, b => b.At(2026, 9, 14, 8)), 8m),
            CheckWorld.Entry(2, b => b.At(2026, 9, 15, 9)),
            CheckWorld.Lasting(CheckWorld.Entry(3, b => b.At(2026, 9, 16, 8)), 8m));

        var finding = world.Run(LeakageChecks.TechnicianDayBelowSchedule).ShouldHaveSingleItem();

        finding.Records.ShouldBe([new SourceRef(EntityKind.Member, CheckWorld.Technician), new SourceRef(EntityKind.TimeEntry, 2)]);
        finding.Hours.ShouldBe(new Hours(7m));
        finding.AmountAtRisk.ShouldBe(new Money(875m));
        finding.CompanyId.ShouldBe(1, "technician days belong to the MSP itself");
        finding.Message.ShouldContain("2026-09-15");
    }

    [Fact]
    public void TechnicianDayBelowSchedule_FullDaysAndWeekends_AreNotFound()
    {
        // Friday and Monday are full; the weekend in between is not a working day.
        var world = new CheckWorld().Add(
            CheckWorld.Lasting(CheckWorld.Entry(1, b => b.At(2026, 9, 11, 8)), 8m),
            CheckWorld.Lasting(CheckWorld.Entry(2, b => b.At(2026, 9, 14, 8)), 7.5m));

        world.Run(LeakageChecks.TechnicianDayBelowSchedule).ShouldBeEmpty();
    }

    [Fact]
    public void AgreementActivityWithoutTime_AgreementWithOpenTicketsAndNoTime_IsFound()
    {
        var world = new CheckWorld();
        world.Agreements.Add(new Builders.AgreementBuilder().WithId(11).Build());
        world.Tickets.Add(CheckWorld.NewTicket(700, agreementId: 11));
        world.Tickets.Add(CheckWorld.NewTicket(701, agreementId: 11));
        world.Add(CheckWorld.Entry(1));

        var finding = world.Run(LeakageChecks.AgreementActivityWithoutTime).ShouldHaveSingleItem();

        finding.AgreementId.ShouldBe(11);
        finding.Records.ShouldBe([new SourceRef(EntityKind.Agreement, 11), new SourceRef(EntityKind.ServiceTicket, 700), new SourceRef(EntityKind.ServiceTicket, 701)]);
        finding.AmountAtRisk.ShouldBe(new Money(250m));
    }

    [Fact]
    public void AgreementActivityWithoutTime_AgreementWithTime_IsNotFound()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1));

        world.Run(LeakageChecks.AgreementActivityWithoutTime).ShouldBeEmpty();
    }
}
