using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// A change to an instance made from outside the runner (a task completed, an event, an alteration), committed with
/// the same revision guard as a step. A concurrent commit makes it throw <see cref="InstanceChangedException"/>; callers
/// retry the whole unit of work on fresh state.
/// </summary>
internal sealed class InstanceMutation(WorkflowInstance current, DateTimeOffset now, WorkflowActor actor)
{
    public StepCommit Step { get; } = new(current.NextRevision(now), current.Revision);

    public WorkflowInstance Instance => Step.Instance;

    public DateTimeOffset Now => now;

    public void Log(string @event, string? activityId = null, string? activityType = null, string? outcome = null, JsonNode? data = null) =>
        Step.Log(@event, actor.Name, now, activityId, activityType, outcome, data?.ToJsonString());

    /// <summary>Removes the bookmark, stores <paramref name="output"/> in the activity's outputVariable and follows <paramref name="outcome"/>.</summary>
    public void Resume(WorkflowDefinition definition, string bookmarkId, string outcome, JsonNode? output)
    {
        if (!Instance.State.Bookmarks.Remove(bookmarkId, out var bookmark))
        {
            throw new WorkflowConflictException($"Instance {Instance.Id} is no longer waiting on bookmark {bookmarkId}.");
        }

        Step.DeletedBookmarks.Add(bookmarkId);
        var activity = definition.GetActivity(bookmark.ActivityId);
        if (activity.GetString("outputVariable") is { } variable)
        {
            Instance.State.Variables[variable] = output?.DeepClone();
        }

        Flowchart.Complete(definition, Instance.State, activity.Id, outcome, now);
        Log(JournalEvents.ActivityResumed, activity.Id, activity.Type, outcome);
    }

    /// <summary>True when <see cref="CommitAsync"/> also took the instance's lease for this host's workers.</summary>
    public bool Leased { get; private set; }

    /// <summary>
    /// Writes the change. With <paramref name="leaseFor"/> (from <see cref="WorkflowDispatcher.LeaseFor"/>), and if the
    /// instance now has work to run, the same transaction takes its lease for this host when the lease is free or expired,
    /// so the worker that runs it next needs no lease commit of its own (see <see cref="Leased"/>).
    /// </summary>
    public async ValueTask CommitAsync(IWorkflowWriteSession session, CancellationToken cancellationToken, (string Owner, DateTimeOffset Until)? leaseFor = null)
    {
        if (Flowchart.Settle(Instance, now))
        {
            Log(Instance.SubStatus == WorkflowSubStatus.Faulted ? JournalEvents.InstanceFaulted : JournalEvents.InstanceFinished);
        }

        if (!await Step.WriteAsync(session, cancellationToken))
        {
            throw new InstanceChangedException();
        }

        if (leaseFor is var (owner, until) && Instance.Status == WorkflowStatus.Running && Instance.State.HasRunnableWork(now)
            && await session.TryTakeLeaseAsync(Instance.Id, owner, now, until, cancellationToken))
        {
            Instance.LeaseOwner = owner;
            Instance.LeaseUntil = until;
            Leased = true;
        }
    }

    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> unitOfWork)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork();
            }
            catch (InstanceChangedException) when (attempt < 20)
            {
                await Task.Delay(attempt);
            }
        }
    }
}

/// <summary>The instance was committed by someone else between read and write; the unit of work is retried.</summary>
internal sealed class InstanceChangedException() : Exception("The workflow instance changed concurrently.");
