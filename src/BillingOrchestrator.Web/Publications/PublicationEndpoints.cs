using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Documentation;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Publications;

/// <summary>Evidence packs published to the documentation platform, and the record of every publication.</summary>
public static class PublicationEndpoints
{
    public static IEndpointRouteBuilder MapPublicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workflow-instances/{id}/publish", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var publication = await mediator.Send(new PublishEvidencePack(id, http.User.ToActor()), ct);
            return Results.Created($"/api/publications/{publication.Id}", publication);
        })
        .WithTags("Publications")
        .RequireAuthorization(Policies.Owner);

        var publications = app.MapGroup("/api/publications").WithTags("Publications").RequireAuthorization(Policies.AnyRole);
        publications.MapGet("/", async (string? instanceId, string? status, BillingDbContext db, CancellationToken ct) =>
        {
            var query = db.Set<PublicationRow>().AsNoTracking();
            query = instanceId is null ? query : query.Where(p => p.InstanceId == instanceId);
            query = status is null ? query : query.Where(p => p.Status == status);
            return (await query.OrderByDescending(p => p.CreatedAt).Take(200).ToListAsync(ct)).Select(PublicationView.From);
        });
        publications.MapGet("/{publicationId}", async (string publicationId, BillingDbContext db, CancellationToken ct) =>
            await db.Set<PublicationRow>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == publicationId, ct) is { } row
                ? Results.Ok(PublicationView.From(row))
                : Problems.NotFound($"Publication {publicationId} does not exist."));
        return app;
    }
}
