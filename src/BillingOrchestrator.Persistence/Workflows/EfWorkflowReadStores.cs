using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Workflows;

internal sealed class EfWorkflowInstanceStore(BillingDbContext db) : IWorkflowInstanceStore
{
    public Task<WorkflowInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);

    public async Task<PagedResult<WorkflowInstance>> ListAsync(InstanceFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<WorkflowInstance>().AsNoTracking();
        if (filter.DefinitionId is not null)
        {
            query = query.Where(i => i.DefinitionId == filter.DefinitionId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.SubStatus is { } subStatus)
        {
            query = query.Where(i => i.SubStatus == subStatus);
        }

        if (filter.CorrelationId is not null)
        {
            query = query.Where(i => i.CorrelationId == filter.CorrelationId);
        }

        if (filter.CreatedBy is not null)
        {
            query = query.Where(i => i.CreatedBy == filter.CreatedBy);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(i => i.CreatedAt >= from);
        }

        if (filter.CreatedBefore is { } before)
        {
            query = query.Where(i => i.CreatedAt < before);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<WorkflowInstance>(items, filter.Page, filter.PageSize, total);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken) =>
        await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(string instanceId, CancellationToken cancellationToken) =>
        await db.Set<Incident>().AsNoTracking().Where(i => i.InstanceId == instanceId).OrderBy(i => i.Timestamp).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.Status == WorkflowStatus.Running && (i.LeaseOwner == null || i.LeaseUntil < now))
            .Where(i => i.SubStatus == WorkflowSubStatus.Pending || i.SubStatus == WorkflowSubStatus.Executing || i.WakeAt <= now)
            .OrderBy(i => i.UpdatedAt)
            .Select(i => i.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public Task<int> ReleaseLeasesOfNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        var prefix = nodeId + "/";
        return db.Set<WorkflowInstance>()
            .Where(i => i.LeaseOwner != null && i.LeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }
}

internal sealed class EfUserTaskStore(BillingDbContext db) : IUserTaskStore
{
    public Task<UserTask?> FindAsync(string taskId, CancellationToken cancellationToken) =>
        db.Set<UserTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<PagedResult<UserTask>> ListAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<UserTask>().AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (filter.Role is not null)
        {
            query = query.Where(t => t.Role == filter.Role);
        }

        if (filter.Assignee is not null)
        {
            query = query.Where(t => t.Assignee == filter.Assignee);
        }

        if (filter.InstanceId is not null)
        {
            query = query.Where(t => t.InstanceId == filter.InstanceId);
        }

        if (filter.VisibleToRoles is { } roles)
        {
            var user = filter.VisibleToUser;
            query = query.Where(t => (t.Role != null && roles.Contains(t.Role)) || t.Assignee == user);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<UserTask>(items, filter.Page, filter.PageSize, total);
    }
}

internal sealed class EfBookmarkStore(BillingDbContext db) : IBookmarkStore
{
    public async Task<IReadOnlyList<Bookmark>> ListAsync(string instanceId, CancellationToken cancellationToken) =>
        await db.Set<Bookmark>().AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
}
