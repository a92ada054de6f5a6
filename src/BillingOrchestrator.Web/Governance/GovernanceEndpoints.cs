using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Governance;

public static class GovernanceEndpoints
{
    public sealed record StartRequest(string? Month);

    public sealed record DecisionRequest(string? Decision, string? Reason, DateOnly? EffectiveFrom);

    public static IEndpointRouteBuilder MapGovernanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/governance/reviews").WithTags("Governance").RequireAuthorization(Policies.AnyRole);

        group.MapPost("/", async (StartRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var review = await mediator.Send(new StartGovernanceReview(request?.Month, http.User.ToActor()), ct);
            return Results.Created($"/api/governance/reviews/{review.Id}", review);
        })
        .RequireAuthorization(Policies.Owner);

        group.MapGet("/", async (GovernanceReviews reviews, CancellationToken ct) => await reviews.ListAsync(ct));

        group.MapGet("/{id}", async (string id, GovernanceReviews reviews, CancellationToken ct) =>
            await reviews.FindAsync(id, ct) is { } review ? Results.Ok(review) : Problems.NotFound($"Governance review {id} does not exist."));

        group.MapPost("/{id}/recommendations/{recommendationId}/decision", async (string id, string recommendationId, DecisionRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new DecideRecommendation(id, recommendationId, request?.Decision, request?.Reason, request?.EffectiveFrom, http.User.ToActor()), ct))
        .RequireAuthorization(Policies.CatalogEditor);

        return app;
    }
}
