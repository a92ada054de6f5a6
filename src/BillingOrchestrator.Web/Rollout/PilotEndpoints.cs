using BillingOrchestrator.Billing.Rollout;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Rollout;

/// <summary>The rollout's week-2 pilot over HTTP: per-finding labels, missed leaks, manual overrides and the figures they give.</summary>
public static class PilotEndpoints
{
    public sealed record LabelRequest(string? InstanceId, int? FindingSequence, string? Verdict, string? Reason);

    public sealed record FalseNegativeRequest(string? InstanceId, string? Description, decimal? Amount, string? SourceLink, string? Category, int? CompanyId);

    public sealed record OverrideRequest(string? InstanceId, string? Subject, string? Action, string? Reason, string? SourceLink);

    public static IEndpointRouteBuilder MapPilotEndpoints(this IEndpointRouteBuilder app)
    {
        var pilot = app.MapGroup("/api/rollout/pilot").WithTags("Rollout").RequireAuthorization(Policies.AnyRole);

        pilot.MapGet("/", async (string? instanceId, PilotRuns pilots, CancellationToken ct) =>
            await pilots.FiguresAsync(Required(instanceId), ct));

        pilot.MapGet("/labels", async (string? instanceId, BillingDbContext db, CancellationToken ct) =>
        {
            var id = Required(instanceId);
            var labels = await db.Set<PilotLabel>().AsNoTracking().Where(l => l.InstanceId == id).OrderBy(l => l.RunId).ThenBy(l => l.FindingSequence).ToListAsync(ct);
            return labels.Select(PilotLabelView.From).ToList();
        });
        pilot.MapPost("/labels", async (LabelRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new LabelPilotFinding(request?.InstanceId, request?.FindingSequence, request?.Verdict, request?.Reason, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.Owner);

        pilot.MapGet("/false-negatives", async (string? instanceId, BillingDbContext db, CancellationToken ct) =>
        {
            var id = Required(instanceId);
            return await db.Set<PilotFalseNegative>().AsNoTracking().Where(m => m.InstanceId == id).OrderBy(m => m.ReportedAt).ThenBy(m => m.Id).ToListAsync(ct);
        });
        pilot.MapPost("/false-negatives", async (FalseNegativeRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Results.Created((string?)null, await mediator.Send(new LogFalseNegative(request?.InstanceId, request?.Description, request?.Amount, request?.SourceLink, request?.Category, request?.CompanyId, http.User.ToActor()), ct)))
            .RequireAuthorization(Policies.Owner);

        pilot.MapGet("/overrides", async (string? instanceId, BillingDbContext db, CancellationToken ct) =>
        {
            var id = Required(instanceId);
            return await db.Set<PilotOverride>().AsNoTracking().Where(o => o.InstanceId == id).OrderBy(o => o.OverriddenAt).ThenBy(o => o.Id).ToListAsync(ct);
        });
        pilot.MapPost("/overrides", async (OverrideRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Results.Created((string?)null, await mediator.Send(new LogPilotOverride(request?.InstanceId, request?.Subject, request?.Action, request?.Reason, request?.SourceLink, http.User.ToActor()), ct)))
            .RequireAuthorization(Policies.Owner);
        return app;
    }

    private static string Required(string? instanceId) =>
        string.IsNullOrWhiteSpace(instanceId) ? throw new WorkflowValidationException("instanceId", "required: the rollout instance") : instanceId;
}
