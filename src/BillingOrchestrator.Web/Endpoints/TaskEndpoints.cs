using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;

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

        group.MapPost("/{id}/claim", (string id, MutationRequest request, HttpContext http, UserTaskService tasks, CancellationToken ct) =>
            Respond(tasks.ClaimAsync(id, new ClaimTask(Revision(request), request.OperationId!), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.Owner);

        group.MapPost("/{id}/release", (string id, MutationRequest request, HttpContext http, UserTaskService tasks, CancellationToken ct) =>
            Respond(tasks.ReleaseAsync(id, new ReleaseTask(Revision(request), request.OperationId!), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.Owner);

        group.MapPost("/{id}/assign", (string id, MutationRequest request, HttpContext http, UserTaskService tasks, CancellationToken ct) =>
            Respond(tasks.AssignAsync(id, new AssignTask(Revision(request), request.OperationId!, request.Assignee ?? ""), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.Owner);

        group.MapPost("/{id}/complete", (string id, MutationRequest request, HttpContext http, UserTaskService tasks, CancellationToken ct) =>
            Respond(tasks.CompleteAsync(id, new CompleteTask(Revision(request), request.OperationId!, request.Outcome ?? "", request.Data, request.Comment), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.Owner);

        return app;
    }

    private static long Revision(MutationRequest request)
    {
        var problems = new List<(string, string)>();
        if (request.ExpectedRevision is null)
        {
            problems.Add(("expectedRevision", "required: the task revision your change is based on"));
        }

        if (string.IsNullOrWhiteSpace(request.OperationId))
        {
            problems.Add(("operationId", "required: a client-chosen id that makes a resend harmless"));
        }

        return problems.Count > 0 ? throw new WorkflowValidationException(problems) : request.ExpectedRevision!.Value;
    }

    private static async Task<TaskResponse> Respond(Task<UserTask> mutation) => TaskResponse.From(await mutation);
}
