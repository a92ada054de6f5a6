using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Everything one step changed, written in one unit of work guarded by the instance's revision.</summary>
internal sealed class StepCommit(WorkflowInstance instance, long expectedRevision)
{
    // The instance's columns other than its state as they were before this step (the instance is a fresh copy here).
    private readonly (WorkflowStatus, WorkflowSubStatus, int, int, DateTimeOffset?, DateTimeOffset?) _columnsBefore =
        (instance.Status, instance.SubStatus, instance.DefinitionVersion, instance.IncidentCount, instance.FinishedAt, instance.WakeAt);

    public WorkflowInstance Instance { get; } = instance;

    public long ExpectedRevision { get; } = expectedRevision;

    private List<Bookmark>? _newBookmarks;
    private List<string>? _deletedBookmarks;
    private List<UserTask>? _newTasks;
    private List<Incident>? _incidents;
    private List<WorkflowEffect>? _effects;

    public List<JournalEntry> Journal { get; } = [];

    // Most steps add none of these: the lists exist only once something is added.
    public List<Bookmark> NewBookmarks => _newBookmarks ??= [];

    public List<string> DeletedBookmarks => _deletedBookmarks ??= [];

    public List<UserTask> NewTasks => _newTasks ??= [];

    public List<Incident> Incidents => _incidents ??= [];

    public List<WorkflowEffect> Effects => _effects ??= [];

    /// <summary>The instance ended: cancel every task still open.</summary>
    public bool CancelOpenTasks { get; set; }

    public string? ReleaseLeaseOf { get; set; }

    /// <summary>The state as stored, serialized by <see cref="Seal"/> on the caller's thread rather than inside the writer's loop.</summary>
    public string? StateJson { get; private set; }

    /// <summary>Serializes the state now; call when nothing more will change before the write.</summary>
    public StepCommit Seal()
    {
        StateJson = InstanceStateJson.Serialize(Instance.State);
        return this;
    }

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
    public async ValueTask<bool> WriteAsync(IWorkflowWriteSession session, CancellationToken cancellationToken)
    {
        if (!await WriteInstanceAsync(session, this, cancellationToken))
        {
            return false;
        }

        await WriteRowsAsync(session, cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes consecutive steps of one instance as one unit: the instance row once, guarded by the first step's expected
    /// revision and holding the state after the last step, then every step's rows (bookmarks, tasks, incidents, effects,
    /// journal) in order. Inside one transaction this is the same as writing each step in turn: nobody can see the
    /// states in between. False, and nothing written, when the instance changed since the first step read it.
    /// </summary>
    public static async ValueTask<bool> WriteRunAsync(IReadOnlyList<StepCommit> steps, IWorkflowWriteSession session, CancellationToken cancellationToken)
    {
        if (!await steps[^1].WriteInstanceAsync(session, steps[0], cancellationToken))
        {
            return false;
        }

        foreach (var step in steps)
        {
            await step.WriteRowsAsync(session, cancellationToken);
        }

        return true;
    }

    /// <summary>This step's instance row, guarded by <paramref name="first"/>'s expected revision (this step, or the first of a run).</summary>
    private async ValueTask<bool> WriteInstanceAsync(IWorkflowWriteSession session, StepCommit first, CancellationToken cancellationToken)
    {
        var stateJson = StateJson ?? InstanceStateJson.Serialize(Instance.State);
        var columnsNow = (Instance.Status, Instance.SubStatus, Instance.DefinitionVersion, Instance.IncidentCount, Instance.FinishedAt, Instance.WakeAt);
        return columnsNow == first._columnsBefore
            ? await session.UpdateInstanceStateAsync(Instance, first.ExpectedRevision, stateJson, cancellationToken)
            : await session.UpdateInstanceAsync(Instance, first.ExpectedRevision, stateJson, cancellationToken);
    }

    private async ValueTask WriteRowsAsync(IWorkflowWriteSession session, CancellationToken cancellationToken)
    {
        if (_deletedBookmarks is not null)
        {
            foreach (var id in _deletedBookmarks)
            {
                await session.DeleteBookmarkAsync(id, cancellationToken);
            }
        }

        if (_newBookmarks is not null)
        {
            foreach (var bookmark in _newBookmarks)
            {
                await session.InsertBookmarkAsync(bookmark, cancellationToken);
            }
        }

        if (_newTasks is not null)
        {
            foreach (var task in _newTasks)
            {
                await session.InsertTaskAsync(task, cancellationToken);
            }
        }

        if (_incidents is not null)
        {
            foreach (var incident in _incidents)
            {
                await session.InsertIncidentAsync(incident, cancellationToken);
            }
        }

        if (_effects is not null)
        {
            foreach (var effect in _effects)
            {
                await session.InsertEffectAsync(effect, cancellationToken);
            }
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
                task.UpdatedAt = Instance.UpdatedAt;
                await session.UpdateTaskAsync(task, revision, cancellationToken);
            }
        }

        if (ReleaseLeaseOf is not null)
        {
            await session.ReleaseLeaseAsync(Instance.Id, ReleaseLeaseOf, cancellationToken);
        }
    }
}
