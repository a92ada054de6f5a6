using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Billing.Tests.Validation;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Dashboards;

/// <summary>The dashboard's facts on the demo MSP against sums written here from the raw records.</summary>
public sealed class LeakageFactsTests(DemoValidationFixture fixture) : IClassFixture<DemoValidationFixture>
{
    private BillingSnapshot Snapshot => fixture.Data.Snapshot;

    private IReadOnlyList<LeakageFact> Facts => LeakageFacts.From(Snapshot, fixture.Result.Findings);

    [Fact]
    public void UnbilledLabourFacts_AddUpToTheKpi_AndWriteOffsToTheWrittenOffEntries()
    {
        var facts = Facts;
        var writtenOff = Snapshot.TimeEntries.Where(e => e.Status == TimeEntryStatus.WrittenOff).ToList();

        facts.Where(f => f.Measure == LeakageFact.UnbilledLabour).Sum(f => f.Amount.Amount)
            .ShouldBe(KpiCalculator.Compute(Snapshot, fixture.Result.Findings).UnbilledLabour.Value.Amount);
        writtenOff.ShouldNotBeEmpty();
        var writeOffs = facts.Where(f => f.Measure == LeakageFact.WriteOff).ToList();
        writeOffs.Count.ShouldBe(writtenOff.Count);
        writeOffs.Sum(f => f.Amount.Amount).ShouldBe(writtenOff.Sum(e => Math.Round(e.HourlyRate.Amount * e.ActualHours.Value, 2, MidpointRounding.ToEven)));
    }

    [Fact]
    public void OverrunFacts_PerAgreementAndMonth_AreTheHoursPastTheIncludedHours()
    {
        var overruns = Facts.Where(f => f.Measure == LeakageFact.AgreementOverrun).ToList();
        var expected = new Dictionary<(int, int), decimal>();
        foreach (var agreement in Snapshot.Agreements.Where(a => a.ApplicationUnits == ApplicationUnits.Hours && a.ApplicationLimit > 0 && !a.ApplicationUnlimitedFlag))
        {
            foreach (var month in Snapshot.TimeEntries.Where(e => e.AgreementId == agreement.Id).GroupBy(e => e.TimeStart.UtcDateTime.Month))
            {
                var over = month.Sum(e => e.ActualHours.Value) - agreement.ApplicationLimit!.Value;
                if (over > 0)
                {
                    expected[(agreement.Id, month.Key)] = over;
                }
            }
        }

        expected.ShouldNotBeEmpty("some demo agreements run past their included hours");
        overruns.GroupBy(f => (f.AgreementId!.Value, f.Date.Month)).ToDictionary(g => g.Key, g => g.Sum(f => f.Hours.Value)).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void Dashboard_WeekTotals_AreTheFactsOfThatMondayToSundayWeek()
    {
        var facts = Facts;
        var monday = new DateOnly(2026, 10, 12);

        var dashboard = LeakageDashboard.Build(facts, monday.AddDays(3), Snapshot);

        dashboard.WeekStart.ShouldBe(monday);
        var inWeek = facts.Where(f => f.Date >= monday && f.Date <= monday.AddDays(6)).ToList();
        dashboard.ThisWeek.UnbilledLabour.Amount.ShouldBe(inWeek.Where(f => f.Measure == LeakageFact.UnbilledLabour).Sum(f => f.Amount.Amount));
        dashboard.ThisWeek.OverrunHours.Value.ShouldBe(inWeek.Where(f => f.Measure == LeakageFact.AgreementOverrun).Sum(f => f.Hours.Value));
        dashboard.ByCustomer.Sum(c => c.Totals.Facts).ShouldBe(inWeek.Count);
        dashboard.TopAgreements.Count.ShouldBeLessThanOrEqualTo(LeakageDashboard.TopAgreementCount);
        dashboard.Trend.Select(t => t.WeekStart).ShouldBe(Enumerable.Range(0, 8).Select(i => monday.AddDays(-7 * (7 - i))));
    }
}
