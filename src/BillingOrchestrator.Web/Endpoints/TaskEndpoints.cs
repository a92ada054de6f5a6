using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Components.Pages.Tasks;
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

        group.MapGet("/", async (string? status, string? role, string? assignee, string? instanceId, int? page, int? pageSize, HttpContext http, TaskQueries tasks, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var result = await tasks.ListAsync(http.User.ToActor(), Query.Enum<UserTaskStatus>(status, "status"), p, size, ct, instanceId, role, assignee);
            return new PageResponse<TaskResponse>([.. result.Items.Select(TaskResponse.From)], result.Page, result.PageSize, result.Total);
        });

        // The same visibility as the list: a task the list would not show this person does not exist for them.
        group.MapGet("/{id}", async (string id, HttpContext http, TaskQueries tasks, CancellationToken ct) =>
            await tasks.FindAsync(http.User.ToActor(), id, ct) is { } task ? Results.Ok(TaskResponse.From(task)) : Problems.NotFound($"Task {id} does not exist."));

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
