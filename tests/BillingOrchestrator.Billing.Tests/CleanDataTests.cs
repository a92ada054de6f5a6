using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests;

/// <summary>
/// What the ground truth does not list is clean: each test finds every instance of a kind of leakage with a
/// simple scan and requires it to be one the ground truth names, so checks can be measured for false positives.
/// </summary>
public sealed class CleanDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private BillingSnapshot Snapshot => fixture.Data.Snapshot;

    private bool Listed(TimeEntry entry) => fixture.InTruth(EntityKind.TimeEntry, entry.Id);

    [Fact]
    public void CleanData_IsCodedAsTheStandardSays()
    {
        var miscoded = Snapshot.TimeEntries.Select(fixture.Classifier.Classify).Where(r => r.IsMiscoded).ToList();

        miscoded.Count.ShouldBeGreaterThan(0, "injected coding leakage must be visible to the classifier");
        miscoded.Where(r => !fixture.InTruth(EntityKind.TimeEntry, r.TimeEntryId)).ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_ChargeableTimeCarriesTheCatalogRate()
    {
        var chargeable = Snapshot.TimeEntries.Where(e => e.ChargeableHours > Hours.Zero && e.AgreementId is not null).ToList();

        chargeable.Count.ShouldBeGreaterThan(5_000);
        chargeable.Where(e => !Listed(e) && e.HourlyRate != fixture.ExpectedRate(e)).ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_NoTechnicianIsInTwoPlacesAtOnce()
    {
        var overlapping = new List<(int, int)>();
        foreach (var day in Snapshot.TimeEntries.GroupBy(e => e.MemberId))
        {
            TimeEntry? latest = null;
            foreach (var entry in day.OrderBy(e => e.TimeStart).ThenBy(e => e.Id))
            {
                if (latest is not null && entry.TimeStart < latest.TimeEnd && !(Listed(entry) && Listed(latest)))
                {
                    overlapping.Add((latest.Id, entry.Id));
                }

                latest = latest is null || entry.TimeEnd > latest.TimeEnd ? entry : latest;
            }
        }

        overlapping.ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_EntriesTicketsAndAgreementsAgree()
    {
        var problems = new List<string>();
        foreach (var entry in Snapshot.TimeEntries.Where(e => !Listed(e)))
        {
            if (entry.TicketId is { } ticketId && fixture.Tickets[ticketId].AgreementId != entry.AgreementId)
            {
                problems.Add($"entry {entry.Id}: ticket agreement differs");
            }

            if (entry.AgreementId is { } id)
            {
                var agreement = fixture.Agreements[id];
                var date = DateOnly.FromDateTime(entry.TimeStart.UtcDateTime);
                if (agreement.CompanyId != entry.CompanyId || agreement.AgreementStatus != AgreementStatus.Active || !agreement.IsInTerm(date))
                {
                    problems.Add($"entry {entry.Id}: agreement {id} is another company's, inactive or out of term");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_ClosedTicketsHaveTime_AndAgreementsWithTicketsHaveTime()
    {
        var closedEmpty = Snapshot.Tickets.Where(t => t.ClosedFlag && !fixture.EntriesByTicket[t.Id].Any()).ToList();
        var withTime = Snapshot.TimeEntries.Where(e => e.AgreementId is not null).Select(e => e.AgreementId!.Value).ToHashSet();
        var idle = Snapshot.Tickets.Where(t => t.AgreementId is { } a && !withTime.Contains(a)).Select(t => t.AgreementId!.Value).Distinct().ToList();

        closedEmpty.ShouldAllBe(t => fixture.InTruth(EntityKind.ServiceTicket, t.Id));
        idle.ShouldAllBe(a => fixture.InTruth(EntityKind.Agreement, a));
        idle.Count.ShouldBe(fixture.Data.GroundTruth.Cases.Count(c => c.CheckId == Checks.LeakageChecks.AgreementActivityWithoutTime));
    }

    [Fact]
    public void CleanData_AgreementInvoicesBillFeePlusAdditions()
    {
        var agreementInvoices = Snapshot.Invoices.Where(i => i.Type == InvoiceType.Agreement).ToList();
        // An agreement that changed can only be judged by invoices issued after the change (lastUpdated).
        var wrong = agreementInvoices
            .Where(i => i.AgreementAmount != fixture.Agreements[i.AgreementId!.Value].ExpectedInvoiceAmount(i.Date))
            .Where(i => !fixture.InTruth(EntityKind.Invoice, i.Id))
            .Where(i => !fixture.InTruth(EntityKind.Agreement, i.AgreementId!.Value)
                || i.Date > DateOnly.FromDateTime(fixture.Agreements[i.AgreementId!.Value].LastUpdated.UtcDateTime))
            .ToList();

        agreementInvoices.Count.ShouldBeGreaterThan(300);
        wrong.ShouldBeEmpty();
        Snapshot.Invoices.ShouldAllBe(i => i.Total == i.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount));
    }

    [Fact]
    public void CleanData_TimeAndAdditionsAreBilledOnceAndOnTime()
    {
        var billedTwice = Snapshot.Invoices.SelectMany(i => i.Lines).Where(l => l.Source?.Kind == EntityKind.TimeEntry)
            .GroupBy(l => l.Source!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var additionsTwice = Snapshot.Invoices.SelectMany(i => i.Lines.Select(l => (i.Date.Year, i.Date.Month, l.Source)))
            .Where(x => x.Source?.Kind == EntityKind.AgreementAddition)
            .GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key.Source!).ToList();
        var staleCutoff = Snapshot.PeriodEnd.AddDays(-fixture.Data.GroundTruth.StaleAfterDays);
        var stale = Snapshot.TimeEntries.Where(e => e.Status == TimeEntryStatus.ReadyToBill && DateOnly.FromDateTime(e.TimeStart.UtcDateTime) < staleCutoff).ToList();
        var unapproved = Snapshot.TimeEntries.Where(e => e.Status == TimeEntryStatus.WrittenOff && e.ApprovedBy is null).ToList();
        var billedUninvoiced = Snapshot.TimeEntries.Where(e => e.Status == TimeEntryStatus.Billed && e.InvoiceId is null).ToList();

        billedTwice.ShouldAllBe(r => fixture.TruthRecords.Contains(r));
        additionsTwice.Count.ShouldBe(fixture.Data.GroundTruth.Cases.Count(c => c.CheckId == Checks.LeakageChecks.AdditionBilledTwice));
        additionsTwice.ShouldAllBe(r => fixture.TruthRecords.Contains(r));
        stale.ShouldAllBe(e => Listed(e));
        unapproved.ShouldAllBe(e => Listed(e));
        billedUninvoiced.ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_LimitedAgreementsStayWithinTheirAllowance()
    {
        var over = new List<string>();
        foreach (var group in Snapshot.TimeEntries.Where(e => e.IsCovered).GroupBy(e => (e.AgreementId!.Value, e.TimeStart.Year, e.TimeStart.Month)))
        {
            var agreement = fixture.Agreements[group.Key.Value];
            var rules = fixture.Rules(group.First());
            if (rules.Included.Quantity is not { } limit || fixture.InTruth(EntityKind.Agreement, agreement.Id))
            {
                continue;
            }

            var used = rules.Included.Units == ApplicationUnits.Amount
                ? group.Sum(e => (e.HourlyRate * e.AgreementHours).Amount)
                : group.Sum(e => e.AgreementHours.Value);
            if (used > limit)
            {
                over.Add($"{agreement.Name} {group.Key.Year}-{group.Key.Month}: {used} of {limit}");
            }
        }

        over.ShouldBeEmpty();
    }

    [Fact]
    public void CleanData_EveryTechnicianWorkdayIsLogged()
    {
        var shortDays = Snapshot.TimeEntries
            .GroupBy(e => (e.MemberId, Day: DateOnly.FromDateTime(e.TimeStart.UtcDateTime)))
            .Where(g => g.Key.Day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Where(g => g.Aggregate(Hours.Zero, (sum, e) => sum + e.ActualHours) < new Hours(6m))
            .ToList();
        var missingDays = Snapshot.Members.Count * CountWeekdays() - Snapshot.TimeEntries
            .Select(e => (e.MemberId, Day: DateOnly.FromDateTime(e.TimeStart.UtcDateTime)))
            .Distinct()
            .Count(k => k.Day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        missingDays.ShouldBe(0, "every technician logs something (work or PTO) every weekday");
        shortDays.ShouldAllBe(g => fixture.InTruth(EntityKind.Member, g.Key.MemberId) && g.Any(e => Listed(e)));
        shortDays.Count.ShouldBe(fixture.Data.GroundTruth.Cases.Count(c => c.CheckId == Checks.LeakageChecks.TechnicianDayBelowSchedule));
    }

    private int CountWeekdays()
    {
        var count = 0;
        for (var d = Snapshot.PeriodStart; d <= Snapshot.PeriodEnd; d = d.AddDays(1))
        {
            count += d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return count;
    }
}
