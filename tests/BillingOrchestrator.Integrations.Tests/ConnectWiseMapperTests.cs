using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Integrations.Import;
using BillingOrchestrator.Integrations.Tests.Support;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseMapperTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly EndOfJanuary = new(2026, 1, 31);

    [Fact]
    public async Task MapSnapshot_TheFixtureSite_MapsEveryRecord_AndStampsThePeriodAndOwnCompany()
    {
        var snapshot = await MapFixtureAsync();

        snapshot.OwnCompanyId.ShouldBe(19297);
        snapshot.PeriodStart.ShouldBe(January);
        snapshot.PeriodEnd.ShouldBe(EndOfJanuary);
        snapshot.Companies.Select(c => c.Id).ShouldBe([250, 251, 252, 253, 19297]);
        snapshot.Members.Select(m => m.Id).ShouldBe([148, 149, 150]);
        snapshot.WorkTypes.Select(w => w.Id).ShouldBe([1, 2, 3, 4]);
        snapshot.WorkRoles.Select(w => w.Id).ShouldBe([5, 6, 7]);
        snapshot.AgreementTypes.Select(t => t.Id).ShouldBe([11, 12]);
        snapshot.Agreements.Select(a => a.Id).ShouldBe([101, 102, 103]);
        snapshot.Tickets.Select(t => t.Id).ShouldBe([3001, 3002, 3003, 3004]);
        snapshot.TimeEntries.Select(e => e.Id).ShouldBe([7001, 7002, 7003, 7004, 7005, 7006, 7007]);
        snapshot.Invoices.Select(i => i.Id).ShouldBe([9001, 9002]);
    }

    [Fact]
    public async Task Companies_Members_WorkTypes_WorkRoles_AndAgreementTypes_CarryTheirValues()
    {
        var snapshot = await MapFixtureAsync();

        snapshot.Companies[0].ShouldBe(new Company { Id = 250, Identifier = "ACME", Name = "Acme Manufacturing" });
        snapshot.Members.Single(m => m.Id == 150).ShouldBe(new Member
        {
            Id = 150,
            Identifier = "bwong",
            FirstName = "Bo",
            LastName = "Wong",
            DefaultRoleId = 5,
            DailyCapacity = new Hours(6.5m),
            HourlyCost = new Money(38.75m),
            InactiveFlag = true,
        });
        snapshot.WorkTypes.Single(w => w.Id == 3).ShouldBe(new WorkType
        {
            Id = 3,
            Name = "After Hours",
            BillTime = BillableOption.Billable,
            Rate = 1.5m,
            RateType = RateType.Multiplier,
            CostMultiplier = 1.5m,
        });
        snapshot.WorkTypes.Single(w => w.Id == 4).BillTime.ShouldBe(BillableOption.NoCharge);
        snapshot.WorkTypes.Single(w => w.Id == 2).RateType.ShouldBe(RateType.AdjAmount);
        snapshot.WorkRoles.Single(w => w.Id == 7).ShouldBe(new WorkRole { Id = 7, Name = "vCIO", HourlyRate = new Money(250m) });
        snapshot.AgreementTypes.Single(t => t.Id == 12).ShouldBe(new AgreementType { Id = 12, Name = "All You Can Eat" });
    }

    [Fact]
    public async Task Agreement_EmbedsItsRates_Exclusions_AndAdditions_WithExactMoney()
    {
        var snapshot = await MapFixtureAsync();
        var acme = snapshot.Agreements.Single(a => a.Id == 101);
        var globex = snapshot.Agreements.Single(a => a.Id == 102);

        acme.Name.ShouldBe("Acme - Managed Services");
        acme.TypeId.ShouldBe(11);
        acme.CompanyId.ShouldBe(250);
        acme.AgreementStatus.ShouldBe(AgreementStatus.Active);
        acme.StartDate.ShouldBe(new DateOnly(2025, 1, 1));
        acme.EndDate.ShouldBeNull();
        acme.NoEndingDateFlag.ShouldBeTrue();
        acme.BillAmount.ShouldBe(new Money(2500m));
        acme.ApplicationUnits.ShouldBe(ApplicationUnits.Hours);
        acme.ApplicationLimit.ShouldBe(20m);
        acme.ApplicationCycle.ShouldBe(ApplicationCycle.CalendarMonth);
        acme.AllowOverruns.ShouldBeTrue();
        acme.CoverAgreementTime.ShouldBeTrue();
        acme.BillTime.ShouldBe(BillableOption.Billable);
        acme.WorkRoleId.ShouldBe(5);
        acme.WorkTypeId.ShouldBe(1);
        acme.LastUpdated.ShouldBe(new DateTimeOffset(2025, 12, 15, 11, 0, 0, TimeSpan.Zero));
        acme.WorkTypes.ShouldHaveSingleItem().ShouldBe(new AgreementWorkTypeRate
        {
            Id = 801,
            WorkTypeId = 3,
            Rate = 1.5m,
            RateType = RateType.Multiplier,
            BillTime = BillableOption.Billable,
            OverageRate = null, // AdjAmount 0: the rate as it is
        });
        acme.WorkRoles.ShouldBeEmpty();
        acme.WorkTypeExclusions.ShouldBe([3]);
        acme.WorkRoleExclusions.ShouldBe([7]);
        acme.Additions.Select(a => (a.Id, a.AgreementId, a.Product, a.Quantity, a.UnitPrice, a.UnitCost, a.BillCustomer, a.EffectiveDate)).ShouldBe(
        [
            (501, 101, "M365-BP", 25m, new Money(22m), new Money(18.7m), BillableOption.Billable, new DateOnly(2025, 1, 1)),
            (502, 101, "EDR", 25m, new Money(6.5m), new Money(3.25m), BillableOption.Billable, new DateOnly(2025, 3, 1)),
        ]);

        // EDR is 30 seats, 5 of them included: 25 billed, so extPrice matches ConnectWise's 162.50 and the fee plus
        // additions matches what invoice INV-10421 billed before tax.
        acme.Additions[1].ExtPrice.ShouldBe(new Money(162.50m));
        acme.ExpectedInvoiceAmount(new DateOnly(2026, 1, 31)).ShouldBe(new Money(3212.50m));
        snapshot.Invoices.Single(i => i.Id == 9001).Subtotal.ShouldBe(new Money(3212.50m));

        globex.BillAmount.ShouldBe(new Money(4800.50m));
        globex.EndDate.ShouldBe(new DateOnly(2026, 6, 30));
        globex.WorkTypes.ShouldHaveSingleItem().ShouldBe(new AgreementWorkTypeRate
        {
            Id = 802,
            WorkTypeId = 2,
            Rate = 175m,
            RateType = RateType.Custom,
            BillTime = BillableOption.Billable,
            OverageRate = new Money(195m),
        });
        globex.WorkRoles.ShouldHaveSingleItem().ShouldBe(new AgreementWorkRoleRate { Id = 901, WorkRoleId = 6, Rate = 160m, RateType = RateType.Custom });
        globex.WorkTypeExclusions.ShouldBe([2]);
        globex.WorkRoleExclusions.ShouldBeEmpty();
        globex.Additions.ShouldHaveSingleItem().CancelledDate.ShouldBe(new DateOnly(2026, 1, 31));
        snapshot.Agreements.Single(a => a.Id == 103).AgreementStatus.ShouldBe(AgreementStatus.Cancelled);
    }

    [Fact]
    public async Task Ticket_TakesItsBoardAsTheServiceLine_AndReferencesById()
    {
        var snapshot = await MapFixtureAsync();

        snapshot.Tickets.Single(t => t.Id == 3002).ShouldBe(new Billing.Tickets.ServiceTicket
        {
            Id = 3002,
            Summary = "Server patching - after hours",
            Board = "Managed Services",
            CompanyId = 250,
            AgreementId = 101,
            Status = "In Progress",
            ClosedFlag = false,
            ClosedDate = null,
            DateEntered = new DateTimeOffset(2026, 1, 9, 15, 0, 0, TimeSpan.Zero),
        });
        var closed = snapshot.Tickets.Single(t => t.Id == 3001);
        closed.ClosedFlag.ShouldBeTrue();
        closed.ClosedDate.ShouldBe(new DateTimeOffset(2026, 1, 5, 16, 20, 0, TimeSpan.Zero));
        snapshot.Tickets.Single(t => t.Id == 3004).AgreementId.ShouldBeNull();
    }

    [Fact]
    public async Task TimeEntry_MapsReferencesById_EnumsByName_AndHoursAndRatesExactly()
    {
        var snapshot = await MapFixtureAsync();

        snapshot.TimeEntries.Single(e => e.Id == 7002).ShouldBe(new TimeEntry
        {
            Id = 7002,
            CompanyId = 250,
            ChargeToType = ChargeToType.ServiceTicket,
            ChargeToId = 3002,
            MemberId = 149,
            WorkTypeId = 3,
            WorkRoleId = 6,
            AgreementId = 101,
            TimeStart = new DateTimeOffset(2026, 1, 12, 23, 0, 0, TimeSpan.Zero),
            TimeEnd = new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.Zero),
            ActualHours = new Hours(3m),
            HoursBilled = new Hours(3m),
            AgreementHours = new Hours(3m),
            BillableOption = BillableOption.Billable,
            HourlyRate = new Money(277.5m),
            Status = TimeEntryStatus.ReadyToBill,
            Notes = "Worked the issue.",
            DateEntered = new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.Zero),
        });
        var billed = snapshot.TimeEntries.Single(e => e.Id == 7001);
        billed.InvoiceId.ShouldBe(9001);
        billed.Status.ShouldBe(TimeEntryStatus.Billed);
        billed.TicketId.ShouldBe(3001);
        var internalTime = snapshot.TimeEntries.Single(e => e.Id == 7004);
        internalTime.BillableOption.ShouldBe(BillableOption.NoCharge);
        internalTime.AgreementId.ShouldBeNull();
        internalTime.ActualHours.ShouldBe(new Hours(0.25m));
        snapshot.TimeEntries.Single(e => e.Id == 7005).BillableOption.ShouldBe(BillableOption.DoNotBill);
        snapshot.TimeEntries.Single(e => e.Id == 7003).ChargeableAmount.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task Invoice_KeepsItsTotalsToTheCent()
    {
        var snapshot = await MapFixtureAsync();

        var agreementInvoice = snapshot.Invoices.Single(i => i.Id == 9001);
        agreementInvoice.InvoiceNumber.ShouldBe("INV-10421");
        agreementInvoice.Type.ShouldBe(InvoiceType.Agreement);
        agreementInvoice.ApplyToType.ShouldBe(ApplyToType.Agreement);
        agreementInvoice.ApplyToId.ShouldBe(101);
        agreementInvoice.CompanyId.ShouldBe(250);
        agreementInvoice.AgreementId.ShouldBe(101);
        agreementInvoice.Date.ShouldBe(new DateOnly(2026, 1, 31));
        agreementInvoice.ServiceTotal.ShouldBe(Money.Zero);
        agreementInvoice.ProductTotal.ShouldBe(new Money(712.5m));
        agreementInvoice.AgreementAmount.ShouldBe(new Money(2500m));
        agreementInvoice.Total.ShouldBe(new Money(3437.38m));
        agreementInvoice.Lines.ShouldBeEmpty();
        var ticketInvoice = snapshot.Invoices.Single(i => i.Id == 9002);
        ticketInvoice.Type.ShouldBe(InvoiceType.Standard);
        ticketInvoice.ApplyToType.ShouldBe(ApplyToType.Ticket);
        ticketInvoice.AgreementId.ShouldBeNull();
        ticketInvoice.Total.ShouldBe(new Money(337.5m));
        snapshot.Invoices.Sum(i => i.Total.Amount).ShouldBe(3774.88m);
    }

    [Fact]
    public async Task UnknownEnumValues_AreProblemsNamingFileRowAndField_AndNoSnapshotIsReturned()
    {
        var site = await FixtureAsync();
        var changed = site with
        {
            TimeEntries = Replace(site.TimeEntries, 2, e => e with { Status = "Paused" }),
            Agreements = Replace(site.Agreements, 1, a => a with { ApplicationCycle = "Fortnightly" }),
            AgreementAdditions = Replace(site.AgreementAdditions, 0, a => a with { BillCustomer = "Sometimes" }),
            WorkTypes = Replace(site.WorkTypes, 3, w => w with { BillTime = "3" }),
        };

        var result = ConnectWiseMapper.MapSnapshot(changed, null, January, EndOfJanuary);

        result.Succeeded.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Problems.ShouldBe(
        [
            new ImportProblem("work-types.json", 4, "billTime", "\"3\" is not a known value (expected Billable, DoNotBill, NoCharge, NoDefault)"),
            new ImportProblem("agreement-additions.json", 1, "billCustomer", "\"Sometimes\" is not a known value (expected Billable, DoNotBill, NoCharge, NoDefault)"),
            new ImportProblem("agreements.json", 2, "applicationCycle",
                "\"Fortnightly\" is not a known value (expected Contract2Weeks, Contract4Weeks, ContractYear, CalendarMonth, CalendarQuarter, CalendarWeek, ContractQuarter, CalendarYear)"),
            new ImportProblem("time-entries.json", 3, "status",
                "\"Paused\" is not a known value (expected Open, Rejected, PendingApproval, ErrorsCorrected, PendingProjectApproval, ApprovedByTierOne, RejectBySecondTier, ApprovedByTierTwo, ReadyToBill, Billed, WrittenOff, BilledAgreement)"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task MissingRequiredFields_AreProblems_NeverDefaults()
    {
        var site = await FixtureAsync();
        var changed = site with
        {
            Agreements = Replace(site.Agreements, 0, a => a with { BillAmount = null, Info = null }),
            TimeEntries = Replace(site.TimeEntries, 3, e => e with { WorkRole = null, HourlyRate = null }),
            Members = Replace(site.Members, 1, m => m with { DefaultRole = new Cw.CwReference { Name = "Engineer" } }),
            Tickets = Replace(site.Tickets, 0, t => t with { Board = null }),
        };

        var result = ConnectWiseMapper.MapSnapshot(changed, 19297, January, EndOfJanuary);

        result.Problems.ShouldBe(
        [
            new ImportProblem("members.json", 2, "defaultRole.id", "is required and must be a positive whole number"),
            new ImportProblem("agreements.json", 1, "billAmount", "is required"),
            new ImportProblem("agreements.json", 1, "_info.lastUpdated", "is required"),
            new ImportProblem("tickets.json", 1, "board", "is required"),
            new ImportProblem("time-entries.json", 4, "workRole", "is required"),
            new ImportProblem("time-entries.json", 4, "hourlyRate", "is required"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task AnOwnCompanyThatIsNotInTheSnapshot_IsAProblem()
    {
        var result = ConnectWiseMapper.MapSnapshot(await FixtureAsync(), 4242, January, EndOfJanuary);

        result.Problems.ShouldBe([new ImportProblem("companies.json", 0, "ownCompanyId", "company 4242, given as the MSP's own company, is not in companies.json")]);
    }

    [Fact]
    public async Task ARecordFromTheApi_IsReportedByEndpointAndId()
    {
        var entry = (await FixtureAsync()).TimeEntries.Single(e => e.Id == 7003) with { BillableOption = "Maybe" };
        var problems = new List<ImportProblem>();

        var mapped = ConnectWiseMapper.MapTimeEntry(entry, "time/entries", entry.Id, problems);

        mapped.ShouldBeNull();
        problems.ShouldBe([new ImportProblem("time/entries", 7003, "billableOption", "\"Maybe\" is not a known value (expected Billable, DoNotBill, NoCharge, NoDefault)")]);
    }

    [Fact]
    public async Task ATimeEntryWithoutEnd_EndsItsActualHoursAfterItsStart()
    {
        var entry = (await FixtureAsync()).TimeEntries.Single(e => e.Id == 7003) with { TimeEnd = null };
        var problems = new List<ImportProblem>();

        var mapped = ConnectWiseMapper.MapTimeEntry(entry, "time/entries", entry.Id, problems);

        problems.ShouldBeEmpty();
        mapped!.TimeEnd.ShouldBe(new DateTimeOffset(2026, 1, 20, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task AnOverageAdjustmentTheDomainCannotHold_IsAProblem_NotDropped()
    {
        var rate = (await FixtureAsync()).AgreementWorkTypes[0] with { OverageRate = 25m, OverageRateType = "AdjAmount" };
        var problems = new List<ImportProblem>();

        ConnectWiseMapper.MapAgreementWorkType(rate, "agreement-work-types.json", 1, problems).ShouldBeNull();

        problems.ShouldBe([new ImportProblem("agreement-work-types.json", 1, "overageRate",
            "an overage rate of AdjAmount 25 cannot be held: the domain keeps an overage rate as an amount (Custom)")]);
    }

    [Fact]
    public async Task ASubResourceOfAnAgreementThatIsNotInTheSnapshot_IsAProblem()
    {
        var site = await FixtureAsync();
        var orphan = site with { AgreementWorkRoleExclusions = [site.AgreementWorkRoleExclusions[0] with { AgreementId = 999 }] };

        var result = ConnectWiseMapper.MapSnapshot(orphan, null, January, EndOfJanuary);

        result.Problems.ShouldBe([new ImportProblem("agreement-work-role-exclusions.json", 1, "agreementId", "agreement 999 is not in agreements.json")]);
    }

    [Fact]
    public async Task ToRecords_FilesEachRecordByKindIdCompanyAndAgreement_WithItsLastUpdated_AndDomainJson()
    {
        var site = await FixtureAsync();
        var snapshot = ConnectWiseMapper.MapSnapshot(site, 19297, January, EndOfJanuary).Value!;

        var records = ConnectWiseMapper.ToRecords(snapshot, site);

        records.Count.ShouldBe(33);
        records.Select(r => r.Kind).Distinct().ShouldBe(
        [
            EntityKind.Company, EntityKind.Member, EntityKind.WorkType, EntityKind.WorkRole, EntityKind.AgreementType,
            EntityKind.Agreement, EntityKind.ServiceTicket, EntityKind.TimeEntry, EntityKind.Invoice,
        ]);
        records.GroupBy(r => (r.Kind, r.Id)).ShouldAllBe(g => g.Count() == 1);
        var company = records.Single(r => r.Kind == EntityKind.Company && r.Id == 250);
        (company.CompanyId, company.AgreementId, company.LastUpdated).ShouldBe(((int?)250, (int?)null, (DateTimeOffset?)new DateTimeOffset(2025, 11, 2, 10, 0, 0, TimeSpan.Zero)));
        var entry = records.Single(r => r.Kind == EntityKind.TimeEntry && r.Id == 7004);
        (entry.CompanyId, entry.AgreementId, entry.LastUpdated).ShouldBe(((int?)251, (int?)null, (DateTimeOffset?)new DateTimeOffset(2026, 1, 20, 12, 20, 0, TimeSpan.Zero)));
        BillingJson.Deserialize<TimeEntry>(entry.DataJson).ShouldBe(snapshot.TimeEntries.Single(e => e.Id == 7004));

        var agreement = records.Single(r => r.Kind == EntityKind.Agreement && r.Id == 102);
        (agreement.CompanyId, agreement.AgreementId, agreement.LastUpdated).ShouldBe(((int?)251, (int?)102, (DateTimeOffset?)new DateTimeOffset(2026, 1, 10, 10, 15, 0, TimeSpan.Zero)));
        var stored = BillingJson.Deserialize<Agreement>(agreement.DataJson);
        stored.BillAmount.ShouldBe(new Money(4800.50m));
        stored.WorkTypes.ShouldHaveSingleItem().OverageRate.ShouldBe(new Money(195m));
        stored.WorkRoles.ShouldHaveSingleItem().Id.ShouldBe(901);
        stored.WorkTypeExclusions.ShouldBe([2]);
        stored.Additions.ShouldHaveSingleItem().Id.ShouldBe(503);

        var invoice = records.Single(r => r.Kind == EntityKind.Invoice && r.Id == 9001);
        invoice.DataJson.ShouldContain("\"total\":3437.38");
        invoice.AgreementId.ShouldBe(101);
    }

    [Fact]
    public async Task ToRecords_WithoutTheSource_KnowsOnlyTheAgreementsLastUpdated_AndIsTheSameJsonEveryTime()
    {
        var snapshot = await MapFixtureAsync();

        var records = ConnectWiseMapper.ToRecords(snapshot);

        records.Where(r => r.Kind != EntityKind.Agreement).ShouldAllBe(r => r.LastUpdated == null);
        records.Where(r => r.Kind == EntityKind.Agreement).ShouldAllBe(r => r.LastUpdated != null);
        ConnectWiseMapper.ToRecords(await MapFixtureAsync()).ShouldBe(records);
    }

    private static async Task<ConnectWiseSnapshot> FixtureAsync()
    {
        var read = await ConnectWiseExport.ReadAsync(Fixtures.SiteFolder, CancellationToken.None);
        read.Problems.ShouldBeEmpty();
        return read.Value!;
    }

    private static async Task<BillingSnapshot> MapFixtureAsync()
    {
        var result = ConnectWiseMapper.MapSnapshot(await FixtureAsync(), 19297, January, EndOfJanuary);
        result.Problems.ShouldBeEmpty();
        return result.Value!;
    }

    private static T[] Replace<T>(IReadOnlyList<T> items, int index, Func<T, T> change) =>
        [.. items.Select((item, i) => i == index ? change(item) : item)];
}
