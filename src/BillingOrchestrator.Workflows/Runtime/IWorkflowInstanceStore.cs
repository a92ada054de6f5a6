using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Read side of instances, journals and incidents.</summary>
public interface IWorkflowInstanceStore
{
    Task<WorkflowInstance?> FindAsync(string instanceId, CancellationToken cancellationToken);

    Task<PagedResult<WorkflowInstance>> ListAsync(InstanceFilter filter, CancellationToken cancellationToken);

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Incident>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Instances that need a host: work pending with no live lease, or a timer or retry that is due.</summary>
    Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Drops the leases a previous run of this node left behind; returns how many.</summary>
    Task<int> ReleaseLeasesOfNodeAsync(string nodeId, CancellationToken cancellationToken);
}

/// <summary>Read side of user tasks.</summary>
public interface IUserTaskStore
{
    Task<UserTask?> FindAsync(string taskId, CancellationToken cancellationToken);

    Task<PagedResult<UserTask>> ListAsync(TaskFilter filter, CancellationToken cancellationToken);
}

/// <summary>Read side of bookmarks.</summary>
public interface IBookmarkStore
{
    Task<IReadOnlyList<Bookmark>> ListAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>Which instances to list; <see cref="CreatedBy"/> is the person who started it, the dates bound <c>createdAt</c> (from inclusive, before exclusive).</summary>
public sealed record InstanceFilter(
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    WorkflowSubStatus? SubStatus = null,
    string? CorrelationId = null,
    int Page = 1,
    int PageSize = 50,
    string? CreatedBy = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null);

/// <summary>Which tasks to list. <see cref="VisibleToRoles"/>/<see cref="VisibleToUser"/> restrict to what a person may see.</summary>
public sealed record TaskFilter(
    UserTaskStatus? Status = null,
    string? Role = null,
    string? Assignee = null,
    string? InstanceId = null,
    IReadOnlyCollection<string>? VisibleToRoles = null,
    string? VisibleToUser = null,
    int Page = 1,
    int PageSize = 50)
{
    /// <summary>
    /// Whether <paramref name="task"/> passes <see cref="VisibleToRoles"/>/<see cref="VisibleToUser"/>: the same rule the
    /// store's query applies to a list, for reading one task by id.
    /// </summary>
    public bool Shows(UserTask task) =>
        VisibleToRoles is null || (task.Role is not null && VisibleToRoles.Contains(task.Role)) || task.Assignee == VisibleToUser;
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
