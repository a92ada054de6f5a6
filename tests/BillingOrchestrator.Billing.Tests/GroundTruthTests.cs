using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests;

/// <summary>Every injected case is really in the data, with the money and hours the ground truth records.</summary>
public sealed class GroundTruthTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    public static TheoryData<string> CheckIds => [.. LeakageChecks.All.Keys];

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void InjectedCase_IsInTheDataWithItsRecordedAmount(string checkId)
    {
        var cases = fixture.Data.GroundTruth.Cases.Where(c => c.CheckId == checkId).ToList();

        cases.ShouldNotBeEmpty();
        foreach (var c in cases)
        {
            Verify(c);
        }
    }

    private void Verify(LeakageCase c)
    {
        var f = fixture;
        var entries = c.Records.Where(r => r.Kind == EntityKind.TimeEntry).Select(r => f.Entries[r.Id]).ToList();
        var entry = entries.FirstOrDefault();
        var date = entry is null ? default : DateOnly.FromDateTime(entry.TimeStart.UtcDateTime);
        switch (c.CheckId)
        {
            case LeakageChecks.ClosedTicketWithoutTime:
                var ticket = f.Tickets[c.Records.Single().Id];
                ticket.ClosedFlag.ShouldBeTrue();
                f.EntriesByTicket[ticket.Id].ShouldBeEmpty();
                var rules = f.Data.Catalog.Resolve(f.Agreements[ticket.AgreementId!.Value], DateOnly.FromDateTime(ticket.DateEntered.UtcDateTime))!;
                c.AmountAtRisk.ShouldBe((rules.Rates.HourlyRate(f.Role(1), f.WorkType(1), afterHours: false) * c.Hours).RoundToCents());
                break;

            case LeakageChecks.TechnicianDayBelowSchedule:
                var member = f.Members[c.Records.Single(r => r.Kind == EntityKind.Member).Id];
                var logged = f.Data.Snapshot.TimeEntries
                    .Where(e => e.MemberId == member.Id && DateOnly.FromDateTime(e.TimeStart.UtcDateTime) == date)
                    .Aggregate(Hours.Zero, (sum, e) => sum + e.ActualHours);
                date.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
                logged.ShouldBeLessThan(new Hours(1m));
                c.Hours.ShouldBe(member.DailyCapacity - logged);
                c.AmountAtRisk.ShouldBe((f.Role(member.DefaultRoleId).HourlyRate * c.Hours).RoundToCents());
                break;

            case LeakageChecks.AgreementActivityWithoutTime:
                var agreementId = c.Records.Single(r => r.Kind == EntityKind.Agreement).Id;
                f.Data.Snapshot.Tickets.Count(t => t.AgreementId == agreementId).ShouldBeGreaterThan(0);
                f.Data.Snapshot.TimeEntries.ShouldNotContain(e => e.AgreementId == agreementId);
                break;

            case LeakageChecks.ExcludedWorkCovered:
                entry!.IsCovered.ShouldBeTrue();
                f.Agreements[entry.AgreementId!.Value].IsInTerm(date).ShouldBeTrue();
                f.Rules(entry).CoverageOf(entry.WorkTypeId, entry.WorkRoleId, date).Coverage.ShouldBe(Coverage.OutOfScope);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.CoveredOutsideAgreementTerm:
                entry!.IsCovered.ShouldBeTrue();
                var late = f.Agreements[entry.AgreementId!.Value];
                late.AgreementStatus.ShouldBe(AgreementStatus.Active);
                late.IsInTerm(date).ShouldBeFalse();
                f.Tickets[entry.TicketId!.Value].AgreementId.ShouldBe(entry.AgreementId);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.CoveredOnAgreementWithoutTimeCoverage:
                entry!.IsCovered.ShouldBeTrue();
                f.Agreements[entry.AgreementId!.Value].CoverAgreementTime.ShouldBeFalse();
                f.Rules(entry).CoversTime.ShouldBeFalse();
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.OtherCompanyAgreement:
                entry!.IsCovered.ShouldBeTrue();
                f.Agreements[entry.AgreementId!.Value].CompanyId.ShouldNotBe(entry.CompanyId);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.InactiveAgreement:
                entry!.IsCovered.ShouldBeTrue();
                f.Agreements[entry.AgreementId!.Value].AgreementStatus.ShouldNotBe(AgreementStatus.Active);
                f.Agreements[entry.AgreementId!.Value].CompanyId.ShouldBe(entry.CompanyId);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.TicketAgreementMismatch:
                entry!.IsCovered.ShouldBeTrue();
                f.Tickets[entry.TicketId!.Value].AgreementId.ShouldNotBe(entry.AgreementId);
                f.Agreements[entry.AgreementId!.Value].CompanyId.ShouldBe(entry.CompanyId);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.CodingStandardMismatch:
                var result = f.Classifier.Classify(entry!);
                result.IsMiscoded.ShouldBeTrue();
                result.ExpectedBillableOption.ShouldBe(BillableOption.Billable);
                entry!.BillableOption.ShouldBe(BillableOption.NoCharge);
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.OverlappingTime:
                var (first, second) = (entries[0], entries[1]);
                first.MemberId.ShouldBe(second.MemberId);
                var overlap = Hours.Between(Max(first.TimeStart, second.TimeStart), Min(first.TimeEnd, second.TimeEnd));
                overlap.ShouldBeGreaterThan(Hours.Zero);
                c.Hours.ShouldBe(overlap);
                c.AmountAtRisk.ShouldBe((second.HourlyRate * overlap).RoundToCents());
                break;

            case LeakageChecks.IdenticalEntries:
                (entries[1] with { Id = entries[0].Id }).ShouldBe(entries[0]);
                ShouldBeWorth(c, entries[0], entries[0].HourlyRate);
                break;

            case LeakageChecks.LabourOnTwoInvoices:
                var invoices = c.Records.Where(r => r.Kind == EntityKind.Invoice).Select(r => f.Invoices[r.Id]).ToList();
                invoices.Count.ShouldBe(2);
                invoices.ShouldAllBe(i => i.Lines.Any(l => l.Source == new SourceRef(EntityKind.TimeEntry, entry!.Id)));
                c.AmountAtRisk.ShouldBe(entry!.ChargeableAmount);
                break;

            case LeakageChecks.AdditionBilledTwice:
                var addition = c.Records.Single(r => r.Kind == EntityKind.AgreementAddition);
                var billing = c.Records.Where(r => r.Kind == EntityKind.Invoice).Select(r => f.Invoices[r.Id]).ToList();
                billing.ShouldAllBe(i => i.AgreementId == c.AgreementId && i.Date.Month == billing[0].Date.Month);
                var lines = billing.SelectMany(i => i.Lines).Where(l => l.Source == addition).ToList();
                lines.Count.ShouldBe(2);
                c.AmountAtRisk.ShouldBe(lines[1].Amount);
                break;

            case LeakageChecks.UnbilledOverage:
                var block = f.Agreements[c.AgreementId!.Value];
                var cycle = CyclePeriod.Containing(block.ApplicationCycle!.Value, block.StartDate, date);
                var used = f.Data.Snapshot.TimeEntries
                    .Where(e => e.AgreementId == block.Id && cycle.Contains(DateOnly.FromDateTime(e.TimeStart.UtcDateTime)))
                    .Aggregate(Hours.Zero, (sum, e) => sum + e.AgreementHours);
                var blockRules = f.Data.Catalog.Resolve(block, cycle.Start)!;
                blockRules.Overage.Action.ShouldBe(OverageAction.BillAtOverageRate);
                c.Hours.ShouldBe(used - new Hours(blockRules.Included.Quantity!.Value));
                c.AmountAtRisk.ShouldBe((blockRules.Overage.OverageRate!.Value * c.Hours).RoundToCents());
                break;

            case LeakageChecks.AfterHoursRateNotApplied:
                f.Rules(entry!).Rates.BusinessHours.Contains(entry!.TimeStart).ShouldBeFalse();
                ShouldBeUnderpriced(c, entry);
                break;

            case LeakageChecks.RoleRateNotApplied:
                f.Rules(entry!).Rates.RoleRates.ShouldContainKey(entry!.WorkRoleId);
                entry.HourlyRate.ShouldBe(f.Role(entry.WorkRoleId).HourlyRate);
                ShouldBeUnderpriced(c, entry);
                break;

            case LeakageChecks.RateDiffersFromAgreement:
                ShouldBeUnderpriced(c, entry!);
                break;

            case LeakageChecks.ReadyToBillStale:
                entry!.Status.ShouldBe(TimeEntryStatus.ReadyToBill);
                entry.InvoiceId.ShouldBeNull();
                (f.Data.Snapshot.PeriodEnd.DayNumber - date.DayNumber).ShouldBeGreaterThan(f.Data.GroundTruth.StaleAfterDays);
                f.Data.Snapshot.Invoices.ShouldNotContain(i => i.Lines.Any(l => l.Source == c.Records[0]));
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.WriteOffWithoutApproval:
                (entry!.BillableOption, entry.Status, entry.ApprovedBy).ShouldBe((BillableOption.DoNotBill, TimeEntryStatus.WrittenOff, null));
                ShouldBeWorth(c, entry, entry.HourlyRate);
                break;

            case LeakageChecks.AgreementAmountDrift:
                var drifted = f.Agreements[c.AgreementId!.Value];
                var invoice = f.Invoices[c.Records.Single(r => r.Kind == EntityKind.Invoice).Id];
                invoice.Type.ShouldBe(InvoiceType.Agreement);
                invoice.Date.ShouldBeGreaterThan(DateOnly.FromDateTime(drifted.LastUpdated.UtcDateTime));
                (drifted.ExpectedInvoiceAmount(invoice.Date) - invoice.AgreementAmount).ShouldBe(c.AmountAtRisk);
                break;

            case LeakageChecks.AdditionNotInvoiced:
                var agreement = f.Agreements[c.AgreementId!.Value];
                var missing = agreement.Additions.Single(a => a.Id == c.Records.Single(r => r.Kind == EntityKind.AgreementAddition).Id);
                var unbilled = f.Invoices[c.Records.Single(r => r.Kind == EntityKind.Invoice).Id];
                missing.IsBillableOn(unbilled.Date).ShouldBeTrue();
                unbilled.Lines.ShouldNotContain(l => l.Source == new SourceRef(EntityKind.AgreementAddition, missing.Id));
                c.AmountAtRisk.ShouldBe(missing.ExtPrice);
                break;

            default:
                throw new InvalidOperationException($"No verification for {c.CheckId}");
        }
    }

    private static void ShouldBeWorth(LeakageCase c, TimeEntry entry, Money rate)
    {
        c.Hours.ShouldBe(entry.HoursBilled);
        c.AmountAtRisk.ShouldBe((rate * entry.HoursBilled).RoundToCents());
    }

    private void ShouldBeUnderpriced(LeakageCase c, TimeEntry entry)
    {
        var expected = fixture.ExpectedRate(entry);
        entry.HourlyRate.ShouldBeLessThan(expected);
        c.AmountAtRisk.ShouldBe(((expected - entry.HourlyRate) * entry.HoursBilled).RoundToCents());
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
