using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Escalation;

public static class EscalationEndpoints
{
    public sealed record PathsRequest(IReadOnlyList<EscalationPathInput>? Paths);

    public static IEndpointRouteBuilder MapEscalationEndpoints(this IEndpointRouteBuilder app)
    {
        var paths = app.MapGroup("/api/escalation-paths").WithTags("Escalation").RequireAuthorization(Policies.AnyRole);
        paths.MapGet("/", async (EscalationPaths store, CancellationToken ct) => await store.ListAsync(ct));
        paths.MapPut("/", async (PathsRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new SetEscalationPaths(request?.Paths, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.EscalationEditor);

        app.MapGet("/api/escalations", async (string? itemId, string? instanceId, int? page, int? pageSize, BillingDbContext db, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var query = db.Set<EscalationRow>().AsNoTracking();
            if (!string.IsNullOrEmpty(itemId))
            {
                query = query.Where(e => e.ItemId == itemId);
            }

            if (!string.IsNullOrEmpty(instanceId))
            {
                query = query.Where(e => e.InstanceId == instanceId);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Level).Skip((p - 1) * size).Take(size).ToListAsync(ct);
            return Results.Ok(new PageResponse<EscalationRow>(items, p, size, total));
        })
        .WithTags("Escalation")
        .RequireAuthorization(Policies.AnyRole);
        return app;
    }
}
