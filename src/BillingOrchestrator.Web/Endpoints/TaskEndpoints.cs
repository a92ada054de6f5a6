using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Mediator;

namespace BillingOrchestrator.Web.Endpoints;

public static class TaskEndpoints
{
    public sealed record MutationRequest(long? ExpectedRevision, string? OperationId, string? Assignee, string? Outcome, JsonObject? Data, string? Comment);

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", async (string? status, string? role, string? assignee, string? instanceId, int? page, int? pageSize, HttpContext http, IUserTaskStore store, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var actor = http.User.ToActor();
            var everything = actor.IsAdmin || actor.InRole(Roles.Auditor);
            var filter = new TaskFilter(
                Query.Enum<UserTaskStatus>(status, "status"), role, assignee, instanceId,
                everything ? null : actor.Roles, everything ? null : actor.Name, p, size);
            var result = await store.ListAsync(filter, ct);
            return new PageResponse<TaskResponse>([.. result.Items.Select(TaskResponse.From)], result.Page, result.PageSize, result.Total);
        });

        group.MapGet("/{id}", async (string id, IUserTaskStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } task ? Results.Ok(TaskResponse.From(task)) : Problems.NotFound($"Task {id} does not exist."));

        foreach (var change in ChangeTask.Changes)
        {
            group.MapPost($"/{{id}}/{change}", async (string id, MutationRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TaskResponse.From(await mediator.Send(
                    new ChangeTask(id, change, request.ExpectedRevision, request.OperationId, request.Assignee, request.Outcome, request.Data, request.Comment, http.User.ToActor()), ct)))
                .RequireAuthorization(Policies.Owner);
        }

        return app;
    }
}
