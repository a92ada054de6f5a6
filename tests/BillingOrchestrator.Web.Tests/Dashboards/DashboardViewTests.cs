using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Web.Components.Pages.Dashboards;
using BillingOrchestrator.Web.Components.Pages.Operations;
using BillingOrchestrator.Web.Governance;
using BillingOrchestrator.Web.Kpis;
using BillingOrchestrator.Web.Operations;
using Bunit;
using MudBlazor.Services;

namespace BillingOrchestrator.Web.Tests.Dashboards;

/// <summary>The dashboard and operations views render the figures they are given and hand back what the person chose.</summary>
public sealed class DashboardViewTests : IAsyncLifetime
{
    private static readonly DateOnly Week = new(2026, 10, 19);
    private readonly BunitContext _context = new();

    public DashboardViewTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void LeakageDashboard_ShowsThisWeeksFiguresAndLines_AndADrillNamesTheChosenAgreement()
    {
        var totals = new LeakageTotals(new Money(12345.5m), new Money(300m), new Hours(7.25m), new Money(870m), 9);
        var top = new LeakageLine("42", "Managed Gold – Contoso", 7, 42, totals);
        var dashboard = new LeakageDashboard(
            Week,
            Week.AddDays(6),
            totals,
            [.. Enumerable.Range(0, LeakageDashboard.TrendWeeks).Select(i => new WeekTotals(Week.AddDays(-7 * (7 - i)), i == 7 ? totals : new LeakageTotals(new Money(i * 100m), Money.Zero, Hours.Zero, Money.Zero, i)))],
            [new LeakageLine("7", "Contoso", 7, null, totals)],
            [new LeakageLine("Managed Services", "Managed Services", null, null, totals)],
            [top]);
        LeakageDrill? chosen = null;

        var view = _context.Render<LeakageDashboardView>(p => p.Add(x => x.Dashboard, dashboard).Add(x => x.OnDrill, (LeakageDrill d) => chosen = d));

        view.Find("#fig-unbilled").TextContent.ShouldContain("12,345.50");
        view.Find("#fig-writeoffs").TextContent.ShouldContain("300.00");
        view.Find("#fig-overrun-hours").TextContent.ShouldContain("7.25");
        view.Find("#fig-overrun-value").TextContent.ShouldContain("870.00");
        view.FindAll("#trend-table tbody tr").Count.ShouldBe(LeakageDashboard.TrendWeeks);
        view.Find("#by-customer").TextContent.ShouldContain("Contoso");
        view.Find("#by-service-line").TextContent.ShouldContain("Managed Services");

        view.Find("#top-agreements a.drill").Click();

        chosen.ShouldNotBeNull();
        chosen.AgreementId.ShouldBe(42);
        chosen.Title.ShouldBe("Agreement Managed Gold – Contoso");
    }

    [Fact]
    public void KpiCards_WithABaseline_ShowDefinitionsValuesAndTargetStatus()
    {
        var baseline = new KpiValues(0.20m, new Money(10000m), 0.30m);
        var now = new KpiValues(0.15m, new Money(9500m), 0.29m);
        var report = Report(now);
        var targets = KpiTargets.Evaluate(baseline, now, week: 5);
        var current = new KpiEndpoints.CurrentKpis(report, new KpiEndpoints.BaselineSummary("b1", DateTimeOffset.Parse("2026-10-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "finance@demo.local", baseline), 5, KpiTargets.Movement(baseline, now), targets);
        var week4 = new KpiPoint(4, DateTimeOffset.Parse("2026-10-22T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "p4", now, KpiTargets.Movement(baseline, now));

        var view = _context.Render<KpiCardsView>(p => p.Add(x => x.Current, current).Add(x => x.Series, null));

        var error = view.Find("#kpi-invoiceErrorRate");
        error.TextContent.ShouldContain("divided by all invoices dated in the period");
        error.QuerySelector(".kpi-current")!.TextContent.ShouldBe("15.00%");
        error.QuerySelector(".kpi-baseline")!.TextContent.ShouldBe("20.00%");
        error.QuerySelector(".kpi-status")!.TextContent.ShouldBe("On track"); // 25% better, more than the 10% × 4/7 due by week 5
        view.Find("#kpi-grossMargin .kpi-status").TextContent.ShouldBe("Off track"); // margin fell
        view.Find("#kpi-unbilledLabourValue .kpi-current").TextContent.ShouldBe("9,500.00");
        view.Find("#kpi-invoiceErrorRate .kpi-week4").TextContent.ShouldBe("not reached yet");
        view.Find("#kpi-invoiceErrorRate .kpi-target").TextContent.ShouldContain("10–25% better");

        var withSeries = _context.Render<KpiCardsView>(p => p.Add(x => x.Current, current).Add(x => x.Series, new KpiSeries(null!, [week4], week4, null, targets)));
        withSeries.Find("#kpi-invoiceErrorRate .kpi-week4").TextContent.ShouldBe("15.00% (+25.0% better)");
        withSeries.Find("#kpi-invoiceErrorRate .kpi-week8").TextContent.ShouldBe("not reached yet");
    }

    [Fact]
    public void KpiCards_WithoutABaseline_SayWhatIsMissing()
    {
        var view = _context.Render<KpiCardsView>(p => p.Add(x => x.Current, new KpiEndpoints.CurrentKpis(Report(new KpiValues(null, Money.Zero, null)), null, null, null, null)));

        view.Find("#no-baseline").TextContent.ShouldContain("No week-1 baseline");
        view.FindAll(".kpi-status").ShouldBeEmpty();
        view.Find("#kpi-invoiceErrorRate .kpi-current").TextContent.ShouldBe("n/a");
    }

    [Fact]
    public void GovernanceReview_DecisionNeedsAReason_AndCarriesIt()
    {
        var review = Review(decided: false);
        RecommendationDecision? decision = null;
        var view = _context.Render<GovernanceReviewPanel>(p => p.Add(x => x.Review, review).Add(x => x.CanDecide, true).Add(x => x.OnDecide, (RecommendationDecision d) => decision = d));

        view.Find("button.accept").HasAttribute("disabled").ShouldBeTrue();
        view.Find(".profitability-row").TextContent.ShouldContain("Managed Gold");
        view.Find(".pattern-row").TextContent.ShouldContain("chronic-overrun");

        view.Find(".reason input").Input("Block too small three months running");
        view.Find("button.accept").HasAttribute("disabled").ShouldBeFalse();
        view.Find("button.accept").Click();

        decision.ShouldBe(new RecommendationDecision("r1", "accept", "Block too small three months running"));
    }

    [Fact]
    public void GovernanceReview_ShowsADecidedRecommendationsReason_AndNoButtonsToAReader()
    {
        var decided = _context.Render<GovernanceReviewPanel>(p => p.Add(x => x.Review, Review(decided: true)).Add(x => x.CanDecide, true));
        decided.Find(".decided").TextContent.ShouldContain("“Seasonal peak”");
        decided.FindAll("button.accept").ShouldBeEmpty();

        var reader = _context.Render<GovernanceReviewPanel>(p => p.Add(x => x.Review, Review(decided: false)).Add(x => x.CanDecide, false));
        reader.FindAll("button.accept").ShouldBeEmpty();
        reader.FindAll("button.reject").ShouldBeEmpty();
    }

    [Fact]
    public void HealthSummary_ListsEachKindOfTrouble_AndOffersRetryOnlyToAdmins()
    {
        var now = DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var summary = new HealthSummary(
            now,
            [new StuckTask("t1", "QualityGate", "Approve the invoice batch", "i1", "agreement-billing-integrity", "FinanceLead", null, now.AddHours(-5), 5)],
            [new FailedSync("s1", "connectwise-sync", now.AddHours(-1), now.AddHours(-1), "psa-admin@demo.local", "ConnectWise rejected the credentials (401)")],
            [new FaultedInstance("i2-0123456789ab", "weekly-leakage-review", "Faulted", 2, "validate", "database locked", now.AddMinutes(-30), "/api/workflow-instances/i2-0123456789ab/retry")],
            [new FailedNotification("n1", "task.created", "smtp", "service@demo.local", 5, "550 mailbox unavailable", "i1")]);

        var admin = _context.Render<HealthSummaryView>(p => p.Add(x => x.Summary, summary).Add(x => x.CanRetry, true));
        admin.Find("#count-stuck").TextContent.ShouldContain("1");
        admin.Find("#stuck-gates .stuck-row").TextContent.ShouldContain("Approve the invoice batch");
        admin.Find("#failed-syncs .sync-row").TextContent.ShouldContain("ConnectWise rejected the credentials (401)");
        admin.Find("#faulted-instances .faulted-row").TextContent.ShouldContain("validate: database locked");
        admin.Find("#failed-notifications .notification-row").TextContent.ShouldContain("550 mailbox unavailable");
        admin.Find("a.retry-link").GetAttribute("href").ShouldBe("/instances/i2-0123456789ab");
        admin.FindAll("#all-clear").ShouldBeEmpty();

        var auditor = _context.Render<HealthSummaryView>(p => p.Add(x => x.Summary, summary).Add(x => x.CanRetry, false));
        auditor.FindAll("a.retry-link").ShouldBeEmpty();

        var clear = _context.Render<HealthSummaryView>(p => p.Add(x => x.Summary, new HealthSummary(now, [], [], [], [])));
        clear.Find("#all-clear").TextContent.ShouldContain("Nothing is stuck or failing");
    }

    private static KpiReport Report(KpiValues values) => new()
    {
        PeriodStart = new DateOnly(2026, 10, 1),
        PeriodEnd = new DateOnly(2026, 10, 31),
        InvoiceErrorRate = new InvoiceErrorRate(100, (int)((values.InvoiceErrorRate ?? 0) * 100), values.InvoiceErrorRate, []),
        UnbilledLabour = new UnbilledLabour(values.UnbilledLabourValue, []),
        GrossMargin = new GrossMargins(new MarginLine("all", "All agreements", new Money(100000m), Money.Zero, Money.Zero, Hours.Zero, Money.Zero, values.GrossMargin), [], [], []),
    };

    private static GovernanceReviewView Review(bool decided) => new(
        "rev1",
        "2026-10",
        DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        "finance@demo.local",
        GovernanceOptions.Default,
        [new AgreementProfitability(42, "Managed Gold", 7, "Contoso", "Managed Services", new Money(5000m), new Money(4200m), new Money(300m), new Money(500m), 0.1m, new Money(80m), new Hours(62.5m), new Hours(40m), 1.5625m)],
        [new UsagePattern(42, "Managed Gold", "chronic-overrun", [new MonthUsage("2026-08", new Hours(55m), new Hours(40m)), new MonthUsage("2026-09", new Hours(60m), new Hours(40m))])],
        [new RecommendationView("r1", 42, "change-included-hours", "Used 150% of the included hours three months running.", new RecommendedChange(60m, null), decided ? "accepted" : "pending", decided ? "finance@demo.local" : null, decided ? DateTimeOffset.Parse("2026-11-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture) : null, decided ? "Seasonal peak" : null, decided ? 3 : null)]);
}
