using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// The engine's only write path. Each unit of work runs inside a database transaction and is durable when the returned
/// task completes. Implementations may group several callers' units into one transaction (group commit); a unit that
/// throws is rolled back on its own (savepoint) and the others still commit.
/// A unit marked <c>urgent</c> has someone waiting on it (a task change, an event, an alteration, or a step of an
/// instance one of those resumed): it goes ahead of queued bulk work (starts, automated steps) into a short group commit.
/// </summary>
public interface IWorkflowWriter
{
    Task<T> WriteAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, bool urgent = false);

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for a unit that changes nothing outside the session except what it returns, so
    /// running it again (after its first run's writes were undone) is harmless. The writer may then skip the unit's own
    /// savepoint: if a unit of such a run throws, the whole run is undone and replayed unit by unit under savepoints.
    /// </summary>
    Task<T> WriteReplayableAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, bool urgent = false);
}

/// <summary>Reads and writes inside one unit of work. Everything written commits together or not at all.</summary>
public interface IWorkflowWriteSession
{
    ValueTask InsertInstanceAsync(WorkflowInstance instance, CancellationToken cancellationToken);

    /// <summary>As <see cref="InsertInstanceAsync(WorkflowInstance, CancellationToken)"/>, with the state already serialized by <see cref="InstanceStateJson"/> (off the writer's loop).</summary>
    ValueTask InsertInstanceAsync(WorkflowInstance instance, string stateJson, CancellationToken cancellationToken);

    ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Writes the instance if its stored revision is still <paramref name="expectedRevision"/>; false if someone else wrote first.</summary>
    ValueTask<bool> UpdateInstanceAsync(WorkflowInstance instance, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>As <see cref="UpdateInstanceAsync(WorkflowInstance, long, CancellationToken)"/>, with the state already serialized by <see cref="InstanceStateJson"/>.</summary>
    ValueTask<bool> UpdateInstanceAsync(WorkflowInstance instance, long expectedRevision, string stateJson, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="UpdateInstanceAsync(WorkflowInstance, long, string, CancellationToken)"/> when only the state changed:
    /// writes the revision, the state and the update time, and leaves the other columns (and their indexes) alone.
    /// </summary>
    ValueTask<bool> UpdateInstanceStateAsync(WorkflowInstance instance, long expectedRevision, string stateJson, CancellationToken cancellationToken);

    /// <summary>Takes the instance's lease if it is running and nobody else holds an unexpired lease; returns it, or null.</summary>
    ValueTask<WorkflowInstance?> TryLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Takes the lease like <see cref="TryLeaseAsync"/> without reading the instance back; true if <paramref name="owner"/> now holds it.</summary>
    ValueTask<bool> TryTakeLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    ValueTask ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Releases <paramref name="owner"/>'s lease only if the instance is still at <paramref name="revision"/>; false if a
    /// newer commit (which may have handed the lease on to a new run of this host) came first.
    /// </summary>
    ValueTask<bool> ReleaseLeaseIfUnchangedAsync(string instanceId, string owner, long revision, CancellationToken cancellationToken);

    /// <summary>The version of <paramref name="definitionId"/> published now, or null if none is.</summary>
    ValueTask<int?> GetPublishedVersionAsync(string definitionId, CancellationToken cancellationToken);

    ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken);

    ValueTask InsertBookmarkAsync(Bookmark bookmark, CancellationToken cancellationToken);

    ValueTask<bool> DeleteBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Bookmark>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string hash, CancellationToken cancellationToken);

    ValueTask InsertTaskAsync(UserTask task, CancellationToken cancellationToken);

    ValueTask<UserTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<UserTask>> GetOpenTasksAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Writes the task if its stored revision is still <paramref name="expectedRevision"/>.</summary>
    ValueTask<bool> UpdateTaskAsync(UserTask task, long expectedRevision, CancellationToken cancellationToken);

    ValueTask InsertIncidentAsync(Incident incident, CancellationToken cancellationToken);

    ValueTask ResolveIncidentsAsync(string instanceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken);

    /// <summary>Records an effect unless one with the same idempotency key exists; true if it was new.</summary>
    ValueTask<bool> InsertEffectAsync(WorkflowEffect effect, CancellationToken cancellationToken);

    /// <summary>The stored result of an earlier operation with this id, if any.</summary>
    ValueTask<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken);

    ValueTask RecordOperationAsync(string operationId, string subjectId, string resultJson, DateTimeOffset at, CancellationToken cancellationToken);
}
