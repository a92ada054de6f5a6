using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Endpoints;

public static class WorkflowDefinitionEndpoints
{
    public sealed record PublishRequest(int? Version);

    public static IEndpointRouteBuilder MapWorkflowDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-definitions").WithTags("Workflow definitions").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", async (IWorkflowDefinitionStore store, CancellationToken ct) =>
            (await store.ListLatestAsync(ct)).Select(d => DefinitionResponse.From(d, withBody: false)));

        group.MapGet("/load-errors", (DefinitionLoadReport report) => report.Errors).RequireAuthorization(Policies.Admin);

        group.MapGet("/{definitionId}", async (string definitionId, string? version, IWorkflowDefinitionStore store, CancellationToken ct) =>
        {
            var selector = VersionSelector.Parse(version) ?? throw new WorkflowValidationException("version", "must be latest, published, draft or a version number");
            var found = await store.FindAsync(definitionId, selector, ct);
            return found is null
                ? Results.Problem($"No definition '{definitionId}' with version '{version ?? "published"}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
                : Results.Ok(DefinitionResponse.From(found, withBody: true));
        });

        group.MapGet("/{definitionId}/versions", async (string definitionId, IWorkflowDefinitionStore store, CancellationToken ct) =>
            (await store.ListVersionsAsync(definitionId, ct)).Select(d => DefinitionResponse.From(d, withBody: false)));

        group.MapPost("/", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            var saved = await mediator.Send(new SaveDefinitionDraft(json, request.HttpContext.User.ToActor()), ct);
            return Results.Created($"/api/workflow-definitions/{saved.DefinitionId}?version={saved.Version}", DefinitionResponse.From(saved, withBody: true));
        })
        .RequireAuthorization(Policies.Admin)
        .Accepts<object>("application/json");

        group.MapPost("/{definitionId}/publish", async (string definitionId, int? version, PublishRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var published = await mediator.Send(new PublishDefinition(definitionId, body?.Version ?? version, http.User.ToActor()), ct);
            return Results.Ok(DefinitionResponse.From(published, withBody: true));
        })
        .RequireAuthorization(Policies.Admin);

        return app;
    }
}
