using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Assets;

/// <summary>The implementation assets as downloads (every role, auditors included), and filing one as evidence (owners).</summary>
public static class AssetEndpoints
{
    public sealed record FileAssetRequest(string? ActivityId);

    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets").WithTags("Implementation assets").RequireAuthorization(Policies.AnyRole);
        foreach (var name in ImplementationAssets.Names)
        {
            group.MapGet("/" + name, async (ImplementationAssets assets, CancellationToken ct) =>
            {
                var asset = await assets.GenerateAsync(name, ct);
                return Attachments.File(asset.Content, asset.ContentType, asset.Name);
            });
        }

        app.MapPost("/api/workflow-instances/{id}/assets/{asset}", async (string id, string asset, FileAssetRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Results.Created($"/api/workflow-instances/{id}/evidence", await mediator.Send(new FileAsset(id, asset, request?.ActivityId, http.User.ToActor()), ct)))
            .WithTags("Implementation assets")
            .RequireAuthorization(Policies.Owner);
        return app;
    }
}
