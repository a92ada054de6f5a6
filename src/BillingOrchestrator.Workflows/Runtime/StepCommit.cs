using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Everything one step changed, written in one unit of work guarded by the instance's revision.</summary>
internal sealed class StepCommit(WorkflowInstance instance, long expectedRevision)
{
    public WorkflowInstance Instance { get; } = instance;

    public long ExpectedRevision { get; } = expectedRevision;

    public List<JournalEntry> Journal { get; } = [];

    public List<Bookmark> NewBookmarks { get; } = [];

    public List<string> DeletedBookmarks { get; } = [];

    public List<UserTask> NewTasks { get; } = [];

    public List<Incident> Incidents { get; } = [];

    public List<WorkflowEffect> Effects { get; } = [];

    /// <summary>The instance ended: cancel every task still open.</summary>
    public bool CancelOpenTasks { get; set; }

    public string? ReleaseLeaseOf { get; set; }

    public void Log(string @event, string actor, DateTimeOffset at, string? activityId = null, string? activityType = null, string? outcome = null, string? dataJson = null) =>
        Journal.Add(new JournalEntry
        {
            InstanceId = Instance.Id,
            Timestamp = at,
            ActivityId = activityId,
            ActivityType = activityType,
            Event = @event,
            Outcome = outcome,
            Actor = actor,
            DataJson = dataJson,
        });

    /// <summary>Writes the commit; false when the instance changed since it was read (nothing is written then).</summary>
    public async ValueTask<bool> WriteAsync(IWorkflowWriteSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await session.UpdateInstanceAsync(Instance, ExpectedRevision, cancellationToken))
        {
            return false;
        }

        foreach (var id in DeletedBookmarks)
        {
            await session.DeleteBookmarkAsync(id, cancellationToken);
        }

        foreach (var bookmark in NewBookmarks)
        {
            await session.InsertBookmarkAsync(bookmark, cancellationToken);
        }

        foreach (var task in NewTasks)
        {
            await session.InsertTaskAsync(task, cancellationToken);
        }

        foreach (var incident in Incidents)
        {
            await session.InsertIncidentAsync(incident, cancellationToken);
        }

        foreach (var effect in Effects)
        {
            await session.InsertEffectAsync(effect, cancellationToken);
        }

        foreach (var entry in Journal)
        {
            await session.AppendJournalAsync(entry, cancellationToken);
        }

        if (CancelOpenTasks)
        {
            foreach (var task in await session.GetOpenTasksAsync(Instance.Id, cancellationToken))
            {
                var revision = task.Revision;
                task.Status = UserTaskStatus.Cancelled;
                task.Revision++;
                task.UpdatedAt = now;
                await session.UpdateTaskAsync(task, revision, cancellationToken);
            }
        }

        if (ReleaseLeaseOf is not null)
        {
            await session.ReleaseLeaseAsync(Instance.Id, ReleaseLeaseOf, cancellationToken);
        }

        return true;
    }
}
