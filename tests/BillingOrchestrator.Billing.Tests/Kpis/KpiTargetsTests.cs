using BillingOrchestrator.Billing.Kpis;

namespace BillingOrchestrator.Billing.Tests.Kpis;

public sealed class KpiTargetsTests
{
    private static readonly KpiValues Baseline = new(0.20m, new Money(10_000m), 0.30m);

    private static string StatusOf(IReadOnlyList<KpiTargetStatus> statuses, string kpi) => statuses.Single(s => s.Target.Kpi == kpi).Status;

    [Fact]
    public void Week8_ErrorRate12PercentBetter_IsOnTrack_9PercentIsOffTrack()
    {
        StatusOf(KpiTargets.Evaluate(Baseline, Baseline with { InvoiceErrorRate = 0.176m }, 8), KpiTargets.InvoiceErrorRate).ShouldBe(KpiTargets.OnTrack);
        StatusOf(KpiTargets.Evaluate(Baseline, Baseline with { InvoiceErrorRate = 0.182m }, 8), KpiTargets.InvoiceErrorRate).ShouldBe(KpiTargets.OffTrack);
    }

    [Fact]
    public void Week1_NoMovement_IsOnTrack_ButWeek4WithoutMovementIsOffTrack()
    {
        KpiTargets.Evaluate(Baseline, Baseline, 1).ShouldAllBe(s => s.Status == KpiTargets.OnTrack);
        KpiTargets.Evaluate(Baseline, Baseline, 4).ShouldAllBe(s => s.Status == KpiTargets.OffTrack);
    }

    [Fact]
    public void QuarterOne_UnbilledLabourAndMarginNeedTenPercentByWeek13_OnAStraightLine()
    {
        var halfway = KpiTargets.Evaluate(Baseline, Baseline with { UnbilledLabourValue = new Money(9_500m), GrossMargin = 0.315m }, 7);

        halfway.Single(s => s.Target.Kpi == KpiTargets.UnbilledLabourValue).RequiredImprovement.ShouldBe(0.05m);
        StatusOf(halfway, KpiTargets.UnbilledLabourValue).ShouldBe(KpiTargets.OnTrack);
        StatusOf(halfway, KpiTargets.GrossMargin).ShouldBe(KpiTargets.OnTrack);
        StatusOf(KpiTargets.Evaluate(Baseline, Baseline with { GrossMargin = 0.32m }, 13), KpiTargets.GrossMargin).ShouldBe(KpiTargets.OffTrack);
    }

    [Fact]
    public void WeekOf_CountsWholeWeeksFromTheBaselineDay()
    {
        var baseline = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        KpiTargets.WeekOf(baseline, baseline.AddDays(6)).ShouldBe(1);
        KpiTargets.WeekOf(baseline, baseline.AddDays(21)).ShouldBe(4);
        KpiTargets.WeekOf(baseline, baseline.AddDays(49)).ShouldBe(8);
    }
}
