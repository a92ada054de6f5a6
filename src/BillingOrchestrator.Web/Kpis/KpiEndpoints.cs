using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Kpis;

public static class KpiEndpoints
{
    public sealed record BaselineRequest(bool? Replace, string? Reason);

    /// <summary>The KPIs now, and where they stand against the baseline's targets this week.</summary>
    public sealed record CurrentKpis(KpiReport Report, BaselineSummary? Baseline, int? Week, IReadOnlyList<KpiMovement>? Movement, IReadOnlyList<KpiTargetStatus>? Targets);

    public sealed record BaselineSummary(string Id, DateTimeOffset RecordedAt, string RecordedBy, KpiValues Values);

    /// <summary>The KPIs measured now, judged against the latest baseline in the current week (the API's GET /api/kpis and the KPI page).</summary>
    public static async Task<CurrentKpis> CurrentAsync(KpiMeasurement measurement, KpiHistory history, TimeProvider time, CancellationToken ct)
    {
        var report = (await measurement.MeasureAsync(ct)).Report;
        if (await history.LatestBaselineAsync(ct) is not { } baseline)
        {
            return new CurrentKpis(report, null, null, null, null);
        }

        var week = KpiTargets.WeekOf(baseline.RecordedAt, time.GetUtcNow());
        return new CurrentKpis(report, new BaselineSummary(baseline.Id, baseline.RecordedAt, baseline.RecordedBy, baseline.Values), week, KpiTargets.Movement(baseline.Values, report.Values), KpiTargets.Evaluate(baseline.Values, report.Values, week));
    }

    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("KPIs").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", (KpiMeasurement measurement, KpiHistory history, TimeProvider time, CancellationToken ct) => CurrentAsync(measurement, history, time, ct));

        group.MapGet("/baseline", async (KpiHistory history, CancellationToken ct) =>
            await history.LatestBaselineAsync(ct) is { } baseline ? Results.Ok(baseline) : Problems.NotFound("No KPI baseline has been recorded yet."));

        group.MapPost("/baseline", async (BaselineRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var baseline = await mediator.Send(new RecordKpiBaseline(request?.Replace ?? false, request?.Reason, http.User.ToActor()), ct);
            return Results.Created("/api/kpis/baseline", baseline);
        })
        .RequireAuthorization(Policies.FinanceOwner);

        group.MapPost("/weekly", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var point = await mediator.Send(new RecordKpiWeek(http.User.ToActor()), ct);
            return Results.Created("/api/kpis/series", point);
        })
        .RequireAuthorization(Policies.Owner);

        group.MapGet("/series", async (KpiHistory history, CancellationToken ct) =>
            await history.SeriesAsync(ct) is { } series ? Results.Ok(series) : Problems.NotFound("No KPI baseline has been recorded yet: the series starts with it."));

        return app;
    }
}
