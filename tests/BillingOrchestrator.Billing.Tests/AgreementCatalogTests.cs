using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Tests.Builders;
using static BillingOrchestrator.Billing.Tests.Builders.TestWorld;

namespace BillingOrchestrator.Billing.Tests;

public sealed class AgreementCatalogTests
{
    private static readonly DateOnly October = new(2026, 10, 1);

    private static BillingRuleSet BlockV2 => NewCatalog().HistoryOf(Block)[0] with
    {
        Version = Version(2, October, "finance.lead@msp.example"),
        Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate, new Money(165m)),
    };

    [Fact]
    public void Publish_NextVersion_EndsThePreviousOneTheDayBefore()
    {
        var catalog = NewCatalog();

        catalog.Publish(BlockV2).ShouldBeEmpty();

        var history = catalog.HistoryOf(Block);
        history.Select(r => r.Version.Number).ShouldBe([1, 2]);
        history[0].Version.EffectiveTo.ShouldBe(new DateOnly(2026, 9, 30));
        history[1].Version.EffectiveTo.ShouldBeNull();
        history[1].Version.ApprovedBy.ShouldBe("finance.lead@msp.example");
    }

    [Fact]
    public void Publish_OutOfSequenceAndUnapproved_NamesEveryProblemAndChangesNothing()
    {
        var catalog = NewCatalog();
        var bad = BlockV2 with
        {
            Version = BlockV2.Version with { Number = 3, EffectiveFrom = new DateOnly(2025, 12, 1), ApprovedBy = " ", ChangeReason = "" },
            Overage = new OverageTrigger(0m, OverageAction.Block),
        };

        var problems = catalog.Publish(bad);

        problems.Select(p => p.Field).ShouldBe(
            ["version.approvedBy", "version.changeReason", "overage.thresholdPercent", "version.number", "version.effectiveFrom"],
            ignoreOrder: true);
        catalog.HistoryOf(Block).ShouldHaveSingleItem().Version.EffectiveTo.ShouldBeNull();
    }

    [Fact]
    public void Resolve_UsesTheRuleSetVersionEffectiveOnTheDate()
    {
        var catalog = NewCatalog();
        catalog.Publish(BlockV2).ShouldBeEmpty();
        Agreement block = new AgreementBuilder().OfType(Block).WithLimit(ApplicationUnits.Hours, 20m);

        catalog.Resolve(block, new DateOnly(2026, 9, 30))!.Overage.OverageRate.ShouldBe(new Money(150m));
        catalog.Resolve(block, October)!.Overage.OverageRate.ShouldBe(new Money(165m));
        catalog.Resolve(block, October)!.VersionLabel.ShouldBe("rule set v2");
    }

    [Fact]
    public void Resolve_TypeWithoutRulesOrBeforeTheCatalog_IsNull()
    {
        var catalog = NewCatalog();

        catalog.Resolve(new AgreementBuilder().OfType(Warranty), October).ShouldBeNull();
        catalog.Resolve(new AgreementBuilder(), CatalogStart.AddDays(-1)).ShouldBeNull();
    }

    [Fact]
    public void Resolve_OverrideExcludesWorkTypeAndSetsRoleRate_OnlyForItsAgreement()
    {
        var catalog = NewCatalog();
        catalog.Publish(new AgreementRuleOverride
        {
            AgreementId = 10,
            Version = Version(1, CatalogStart),
            ExcludeWorkTypeIds = [Onsite],
            IncludeWorkTypeIds = [Hardware],
            RoleRates = new Dictionary<int, Money> { [Engineer] = new(140m) },
        }).ShouldBeEmpty();
        Agreement remoteOnly = new AgreementBuilder().WithId(10);
        Agreement other = new AgreementBuilder().WithId(11);

        var rules = catalog.Resolve(remoteOnly, October)!;

        rules.CoverageOf(Onsite, HelpDesk, October).Coverage.ShouldBe(Coverage.OutOfScope);
        rules.CoverageOf(Hardware, HelpDesk, October).Coverage.ShouldBe(Coverage.InScope, "the override covers what the rule set excludes");
        rules.CoverageOf(Project, HelpDesk, October).Coverage.ShouldBe(Coverage.OutOfScope);
        rules.Rates.RoleRate(WorkRole(Engineer)).ShouldBe(new Money(140m));
        rules.VersionLabel.ShouldBe("rule set v1 + override v1");
        catalog.Resolve(other, October)!.CoverageOf(Onsite, HelpDesk, October).Coverage.ShouldBe(Coverage.InScope);
    }

    [Fact]
    public void Resolve_OverrideVersions_ApplyByDate()
    {
        var catalog = NewCatalog();
        catalog.Publish(new AgreementRuleOverride { AgreementId = 10, Version = Version(1, CatalogStart), AfterHoursMultiplier = 1.5m }).ShouldBeEmpty();
        catalog.Publish(new AgreementRuleOverride { AgreementId = 10, Version = Version(2, October), AfterHoursMultiplier = 1.75m }).ShouldBeEmpty();
        Agreement agreement = new AgreementBuilder().WithId(10);

        catalog.Resolve(agreement, new DateOnly(2026, 9, 30))!.Rates.AfterHoursMultiplier.ShouldBe(1.5m);
        catalog.Resolve(agreement, October)!.Rates.AfterHoursMultiplier.ShouldBe(1.75m);
    }

    [Fact]
    public void Resolve_IncludedQuantity_ComesFromTheAgreementUnlessOverridden()
    {
        var catalog = NewCatalog();
        Agreement block = new AgreementBuilder().WithId(10).OfType(Block).WithLimit(ApplicationUnits.Hours, 20m);

        catalog.Resolve(block, October)!.Included.ShouldBe(new Allowance(ApplicationUnits.Hours, 20m, ApplicationCycle.CalendarMonth));

        catalog.Publish(new AgreementRuleOverride
        {
            AgreementId = 10,
            Version = Version(1, CatalogStart),
            Included = new Allowance(ApplicationUnits.Hours, 25m, ApplicationCycle.CalendarQuarter),
        }).ShouldBeEmpty();
        catalog.Resolve(block, October)!.Included.Quantity.ShouldBe(25m);
    }

    [Fact]
    public void CoverageOf_SaysWhyWorkIsNotCovered()
    {
        var catalog = NewCatalog();
        Agreement ended = new AgreementBuilder().Running(new DateOnly(2026, 1, 1), new DateOnly(2026, 9, 30));
        Agreement timeAndMaterials = new AgreementBuilder().OfType(TimeAndMaterials);

        var (coverage, reason) = catalog.Resolve(ended, October)!.CoverageOf(Remote, HelpDesk, October);
        coverage.ShouldBe(Coverage.OutOfScope);
        reason.ShouldBe("2026-10-01 is outside the agreement's term");

        catalog.Resolve(timeAndMaterials, October)!.CoverageOf(Remote, HelpDesk, October).Coverage.ShouldBe(Coverage.NoCoverage);
        catalog.Resolve(ended, new DateOnly(2026, 9, 1))!.CoverageOf(Project, HelpDesk, new DateOnly(2026, 9, 1)).Coverage.ShouldBe(Coverage.OutOfScope);
        catalog.Resolve(ended, new DateOnly(2026, 9, 1))!.CoverageOf(Remote, HelpDesk, new DateOnly(2026, 9, 1)).Coverage.ShouldBe(Coverage.InScope);
    }

    [Fact]
    public void SpecialRates_HighestPremiumWins_AndNeverCompounds()
    {
        var rates = new SpecialRates { EmergencyWorkTypeIds = [Emergency], RoleRates = new Dictionary<int, Money> { [Architect] = new(210m) } };

        rates.HourlyRate(WorkRole(HelpDesk), WorkType(Remote), afterHours: false).ShouldBe(new Money(125m));
        rates.HourlyRate(WorkRole(HelpDesk), WorkType(Remote), afterHours: true).ShouldBe(new Money(187.50m));
        rates.HourlyRate(WorkRole(HelpDesk), WorkType(Emergency), afterHours: true).ShouldBe(new Money(250m));
        rates.HourlyRate(WorkRole(Architect), WorkType(Remote), afterHours: false).ShouldBe(new Money(210m));
        (rates with { AfterHoursMultiplier = 1.333m }).HourlyRate(WorkRole(HelpDesk), WorkType(Remote), afterHours: true).ShouldBe(new Money(166.62m));
    }

    [Fact]
    public void BusinessHours_ExcludeEveningsWeekendsAndHolidays()
    {
        var hours = new BusinessHours(new TimeOnly(8, 0), new TimeOnly(18, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday], holidays: [new DateOnly(2026, 9, 14)]);

        hours.Contains(new DateTimeOffset(2026, 9, 15, 8, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
        hours.Contains(new DateTimeOffset(2026, 9, 15, 18, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        hours.Contains(new DateTimeOffset(2026, 9, 15, 7, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
        hours.Contains(new DateTimeOffset(2026, 9, 16, 10, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        hours.Contains(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        hours.Contains(new DateTimeOffset(2026, 9, 15, 12, 0, 0, TimeSpan.FromHours(2))).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ApplicationCycle.CalendarMonth, "2026-09-15", "2026-09-01", "2026-10-01")]
    [InlineData(ApplicationCycle.CalendarWeek, "2026-09-16", "2026-09-13", "2026-09-20")]
    [InlineData(ApplicationCycle.CalendarQuarter, "2026-08-31", "2026-07-01", "2026-10-01")]
    [InlineData(ApplicationCycle.CalendarYear, "2026-08-31", "2026-01-01", "2027-01-01")]
    [InlineData(ApplicationCycle.Contract2Weeks, "2026-09-16", "2026-09-06", "2026-09-20")]
    [InlineData(ApplicationCycle.Contract4Weeks, "2026-09-05", "2026-08-09", "2026-09-06")]
    [InlineData(ApplicationCycle.ContractQuarter, "2026-09-14", "2026-06-15", "2026-09-15")]
    [InlineData(ApplicationCycle.ContractYear, "2026-09-15", "2026-06-15", "2027-06-15")]
    public void CyclePeriod_Containing_FollowsCalendarOrContractStart(ApplicationCycle cycle, string date, string start, string end)
    {
        var agreementStart = new DateOnly(2025, 6, 15);

        CyclePeriod.Containing(cycle, agreementStart, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(new CyclePeriod(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void OverageTrigger_IsReachedAtItsThreshold()
    {
        var trigger = new OverageTrigger(90m, OverageAction.Warn);

        trigger.IsReached(17.75m, 20m).ShouldBeFalse();
        trigger.IsReached(18m, 20m).ShouldBeTrue();
        OverageTrigger.Excess(26.5m, 20m).ShouldBe(6.5m);
        OverageTrigger.Excess(19m, 20m).ShouldBe(0m);
    }
}
