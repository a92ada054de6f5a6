using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Tests.Validation;
using Xunit.Abstractions;

namespace BillingOrchestrator.Billing.Tests.Governance;

/// <summary>The monthly governance analysis on the demo MSP, checked against the raw records.</summary>
public sealed class GovernanceReviewTests(DemoValidationFixture fixture, ITestOutputHelper output) : IClassFixture<DemoValidationFixture>
{
    private static readonly DateOnly October = new(2026, 10, 1);

    private BillingSnapshot Snapshot => fixture.Data.Snapshot;

    private GovernanceAnalysis Analysis => GovernanceReview.Analyse(Snapshot, fixture.Data.Catalog, fixture.Result.Findings, October);

    [Fact]
    public void Profitability_HoursUsedAndEffectiveRate_AreTheMonthsEntriesAndRevenuePerHour()
    {
        var analysis = Analysis;
        output.WriteLine($"rows {analysis.Profitability.Count}, patterns {string.Join(", ", analysis.Patterns.GroupBy(p => p.Pattern).Select(g => $"{g.Key} {g.Count()}"))}, recommendations {string.Join(", ", analysis.Recommendations.GroupBy(r => r.Kind).Select(g => $"{g.Key} {g.Count()}"))}");

        analysis.Profitability.Count.ShouldBeGreaterThan(100);
        foreach (var row in analysis.Profitability)
        {
            var hours = Snapshot.TimeEntries
                .Where(e => e.AgreementId == row.AgreementId && e.TimeStart.UtcDateTime.Year == 2026 && e.TimeStart.UtcDateTime.Month == 10)
                .Sum(e => e.ActualHours.Value);
            row.HoursUsed.Value.ShouldBe(hours, row.Agreement);
            row.Margin.ShouldBe(row.Revenue - row.LabourCost - row.AdditionCost);
            row.EffectiveHourlyRate?.Amount.ShouldBe(Math.Round(row.Revenue.Amount / hours, 2, MidpointRounding.ToEven));
            var agreement = Snapshot.Agreements.Single(a => a.Id == row.AgreementId);
            row.IncludedHours?.Value.ShouldBe(agreement.ApplicationLimit!.Value);
        }
    }

    [Fact]
    public void ChronicOverrun_ProposesIncludedHoursAtTheAverageUse_AndUnderUseARepackage()
    {
        var analysis = Analysis;

        analysis.Patterns.ShouldContain(p => p.Pattern == GovernanceReview.ChronicOverrun);
        foreach (var pattern in analysis.Patterns)
        {
            var agreement = Snapshot.Agreements.Single(a => a.Id == pattern.AgreementId);
            agreement.ApplicationUnits.ShouldBe(ApplicationUnits.Hours);
            var limit = agreement.ApplicationLimit!.Value;
            var monthly = Snapshot.TimeEntries.Where(e => e.AgreementId == agreement.Id)
                .GroupBy(e => (e.TimeStart.UtcDateTime.Year, e.TimeStart.UtcDateTime.Month))
                .ToDictionary(g => $"{g.Key.Year:0000}-{g.Key.Month:00}", g => g.Sum(e => e.ActualHours.Value));
            pattern.Months.ShouldAllBe(m => m.Used.Value == monthly.GetValueOrDefault(m.Month));
            var expectedKind = pattern.Pattern == GovernanceReview.ChronicOverrun ? GovernanceReview.ChangeIncludedHours : GovernanceReview.Repackage;
            var proposal = analysis.Recommendations.Single(r => r.AgreementId == agreement.Id && r.Kind == expectedKind);
            var average = Math.Ceiling(pattern.Months.Average(m => m.Used.Value));
            proposal.Change!.IncludedHours.ShouldBe(expectedKind == GovernanceReview.Repackage ? Math.Max(average, 1m) : average);
            if (pattern.Pattern == GovernanceReview.ChronicOverrun)
            {
                pattern.Months.Count(m => m.Used.Value > limit).ShouldBeGreaterThanOrEqualTo(2);
            }
        }
    }

    [Fact]
    public void LowMargin_ProposesRatesTenPercentAboveTheRatesInForce_AndMiscodingProposesEnforcement()
    {
        var analysis = Analysis;

        var reprice = analysis.Recommendations.Where(r => r.Kind == GovernanceReview.Reprice).ToList();
        reprice.ShouldNotBeEmpty();
        foreach (var proposal in reprice)
        {
            analysis.Profitability.Single(p => p.AgreementId == proposal.AgreementId).GrossMargin!.Value.ShouldBeLessThan(GovernanceOptions.Default.MarginFloor);
            var agreement = Snapshot.Agreements.Single(a => a.Id == proposal.AgreementId);
            var rules = fixture.Data.Catalog.Resolve(agreement, new DateOnly(2026, 10, 31))!;
            foreach (var (roleId, rate) in proposal.Change!.RoleRates!)
            {
                var role = Snapshot.WorkRoles.Single(r => r.Id == roleId);
                rate.ShouldBe((rules.Rates.RoleRate(role) * 1.1m).RoundToCents());
            }
        }

        var enforce = analysis.Recommendations.Where(r => r.Kind == GovernanceReview.EnforceCoding).ToList();
        enforce.ShouldNotBeEmpty();
        foreach (var proposal in enforce)
        {
            fixture.Result.Findings.Count(f => f.AgreementId == proposal.AgreementId && f.Category == Checks.LeakageKind.AgreementMismatch).ShouldBeGreaterThanOrEqualTo(1);
            proposal.Change.ShouldBeNull();
        }
    }
}
