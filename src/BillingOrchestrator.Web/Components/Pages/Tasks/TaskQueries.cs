using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Web.Components.Pages.Tasks;

/// <summary>The tasks a person may see, as GET /api/tasks lists them: their roles' and their own; admins and auditors see all.</summary>
public sealed class TaskQueries(IUserTaskStore store)
{
    public Task<PagedResult<UserTask>> ListAsync(WorkflowActor actor, UserTaskStatus? status, int page, int pageSize, CancellationToken cancellationToken, string? instanceId = null)
    {
        var everything = actor.IsAdmin || actor.InRole(Roles.Auditor);
        return store.ListAsync(new TaskFilter(status, null, null, instanceId, everything ? null : actor.Roles, everything ? null : actor.Name, page, pageSize), cancellationToken);
    }

    /// <summary>Open tasks this person can act on now: assigned to them, or available in one of their roles.</summary>
    public async Task<IReadOnlyList<UserTask>> ActionableAsync(WorkflowActor actor, CancellationToken cancellationToken)
    {
        var mine = await store.ListAsync(new TaskFilter(UserTaskStatus.Assigned, Assignee: actor.Name, PageSize: 100), cancellationToken);
        var available = await store.ListAsync(new TaskFilter(UserTaskStatus.Available, VisibleToRoles: actor.Roles, VisibleToUser: actor.Name, PageSize: 100), cancellationToken);
        return [.. mine.Items.Concat(available.Items.Where(t => t.Role is null || actor.InRole(t.Role))).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue)];
    }
}
