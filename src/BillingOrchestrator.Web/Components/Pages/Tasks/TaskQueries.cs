using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Web.Components.Pages.Tasks;

/// <summary>The tasks a person may see, as GET /api/tasks lists them: their roles' and their own; admins and auditors see all.</summary>
public sealed class TaskQueries(IUserTaskStore store)
{
    public Task<PagedResult<UserTask>> ListAsync(WorkflowActor actor, UserTaskStatus? status, int page, int pageSize, CancellationToken cancellationToken, string? instanceId = null, string? role = null, string? assignee = null) =>
        store.ListAsync(VisibleTo(actor) with { Status = status, Role = role, Assignee = assignee, InstanceId = instanceId, Page = page, PageSize = pageSize }, cancellationToken);

    /// <summary>One task by id, or null when it does not exist or the list would not show it to this person.</summary>
    public async Task<UserTask?> FindAsync(WorkflowActor actor, string taskId, CancellationToken cancellationToken) =>
        await store.FindAsync(taskId, cancellationToken) is { } task && VisibleTo(actor).Shows(task) ? task : null;

    private static TaskFilter VisibleTo(WorkflowActor actor)
    {
        var everything = actor.IsAdmin || actor.InRole(Roles.Auditor);
        return new TaskFilter(VisibleToRoles: everything ? null : actor.Roles, VisibleToUser: everything ? null : actor.Name);
    }

    /// <summary>Open tasks this person can act on now: assigned to them, or available in one of their roles.</summary>
    public async Task<IReadOnlyList<UserTask>> ActionableAsync(WorkflowActor actor, CancellationToken cancellationToken)
    {
        var mine = await store.ListAsync(new TaskFilter(UserTaskStatus.Assigned, Assignee: actor.Name, PageSize: 100), cancellationToken);
        var available = await store.ListAsync(new TaskFilter(UserTaskStatus.Available, VisibleToRoles: actor.Roles, VisibleToUser: actor.Name, PageSize: 100), cancellationToken);
        return [.. mine.Items.Concat(available.Items.Where(t => t.Role is null || actor.InRole(t.Role))).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue)];
    }
}
