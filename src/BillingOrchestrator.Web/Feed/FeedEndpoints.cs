using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Feed;

public static class FeedEndpoints
{
    public sealed record IssueRequest(string? Name);

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        // Every controller is part of the feed, $metadata and the service document included.
        app.MapControllers().RequireAuthorization(Policies.FeedReader);

        var exports = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization(Policies.FeedReader);
        exports.MapGet("/{set}.{format}", async (string set, string format, FeedSource source, CancellationToken ct) =>
        {
            if (format is not ("csv" or "parquet"))
            {
                throw new WorkflowValidationException("format", "must be csv or parquet");
            }

            if (FeedData.Sets.All(s => !string.Equals(s, set, StringComparison.OrdinalIgnoreCase)))
            {
                return Problems.NotFound($"There is no set '{set}'; the sets are {string.Join(", ", FeedData.Sets)}.");
            }

            var (content, contentType) = (await FeedExport.WriteAsync(await source.GetAsync(ct), set, format, ct))!.Value;
            Observability.ProductTelemetry.Export($"feed-{format}");
            return Results.File(content, contentType, $"{set}.{format}");
        });

        var keys = app.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", async (IssueRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var issued = await mediator.Send(new IssueApiKey(request?.Name, http.User.ToActor()), ct);
            return Results.Created($"/api/api-keys/{issued.ApiKey.Id}", issued);
        });
        keys.MapGet("/", async (Persistence.BillingDbContext db, CancellationToken ct) =>
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Set<Persistence.Feed.ApiKeyRow>(), ct)).OrderBy(k => k.CreatedAt).Select(ApiKeyView.From));
        keys.MapDelete("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new RevokeApiKey(id, http.User.ToActor()), ct));
        return app;
    }
}
