using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Endpoints;

public static class WorkflowInstanceEndpoints
{
    public sealed record StartRequest(string? DefinitionId, JsonObject? Input, string? CorrelationId, int? Version);

    public sealed record CancelRequest(string? Reason);

    public sealed record MigrateRequest(int? TargetVersion);

    public sealed record EventRequest(string? Name, string? InstanceId, string? CorrelationId, JsonNode? Payload);

    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("Workflow instances").RequireAuthorization(Policies.AnyRole);

        group.MapPost("/", async (StartRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var instance = await mediator.Send(new StartInstance(request.DefinitionId, request.Input, request.CorrelationId, request.Version, http.User.ToActor()), ct);
            return Results.Created($"/api/workflow-instances/{instance.Id}", InstanceResponse.From(instance, withState: true));
        })
        .RequireAuthorization(Policies.Owner);

        group.MapGet("/", async (string? definitionId, string? status, string? subStatus, string? correlationId, string? createdBy, DateTimeOffset? createdFrom, DateTimeOffset? createdBefore, int? page, int? pageSize, IWorkflowInstanceStore store, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var filter = new InstanceFilter(definitionId, Query.Enum<WorkflowStatus>(status, "status"), Query.Enum<WorkflowSubStatus>(subStatus, "subStatus"), correlationId, p, size, createdBy, createdFrom, createdBefore);
            var result = await store.ListAsync(filter, ct);
            return new PageResponse<InstanceResponse>([.. result.Items.Select(i => InstanceResponse.From(i, withState: false))], result.Page, result.PageSize, result.Total);
        });

        group.MapGet("/{id}", async (string id, IWorkflowInstanceStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } instance ? Results.Ok(InstanceResponse.From(instance, withState: true)) : Problems.NotFound($"Instance {id} does not exist."));

        group.MapGet("/{id}/journal", async (string id, IWorkflowInstanceStore store, CancellationToken ct) => await store.GetJournalAsync(id, ct));
        group.MapGet("/{id}/incidents", async (string id, IWorkflowInstanceStore store, CancellationToken ct) => await store.GetIncidentsAsync(id, ct));
        group.MapGet("/{id}/bookmarks", async (string id, IBookmarkStore store, CancellationToken ct) => await store.ListAsync(id, ct));

        group.MapPost("/{id}/cancel", async (string id, CancelRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            InstanceResponse.From(await mediator.Send(new CancelInstance(id, request?.Reason, http.User.ToActor()), ct), withState: true))
            .RequireAuthorization(Policies.Admin);

        group.MapPost("/{id}/retry", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            InstanceResponse.From(await mediator.Send(new RetryInstance(id, http.User.ToActor()), ct), withState: true))
            .RequireAuthorization(Policies.Admin);

        group.MapPost("/{id}/migrate", async (string id, MigrateRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            InstanceResponse.From(await mediator.Send(new MigrateInstance(id, request?.TargetVersion, http.User.ToActor()), ct), withState: true))
            .RequireAuthorization(Policies.Admin);

        app.MapPost("/api/workflow-events", async (EventRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var resumed = await mediator.Send(new PublishEvent(request.Name, request.InstanceId, request.CorrelationId, request.Payload, http.User.ToActor()), ct);
            return Results.Ok(new { resumed });
        })
        .WithTags("Workflow instances")
        .RequireAuthorization(Policies.Owner);

        return app;
    }
}
