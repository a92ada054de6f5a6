using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Diagnostics;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// Executes one instance's runnable work under a lease, committing after every activity. A crash between two commits
/// loses only the uncommitted step, which runs again on recovery; a committed step never runs again.
/// </summary>
public sealed partial class WorkflowRunner(
    IWorkflowWriter writer,
    WorkflowDefinitionCache definitions,
    ActivityRegistry activities,
    LeaseOwner leaseOwner,
    WorkflowDispatcher dispatcher,
    IServiceProvider services,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options,
    ILogger<WorkflowRunner> logger)
{
    private const string System = "system";

    /// <summary>
    /// Runs the instance until it has nothing runnable left; returns false if another host holds it. <paramref name="urgent"/>:
    /// someone waits for this run (it was resumed by a task completion, an event or an alteration), so its writes go ahead
    /// of bulk work.
    /// </summary>
    public async Task<bool> RunAsync(string instanceId, CancellationToken cancellationToken, bool urgent = false)
    {
        var instance = HandedOver(instanceId) ?? await LeaseAsync(instanceId, urgent, cancellationToken);
        if (instance is null)
        {
            return false;
        }

        var seen = instance.Revision;
        WorkflowInstance? yielded = null;
        var pipeline = new StepPipeline(writer, urgent, cancellationToken);
        try
        {
            var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            while (true)
            {
                var now = time.GetUtcNow();

                var work = instance.Status == WorkflowStatus.Running && instance.SubStatus != WorkflowSubStatus.Faulted
                    ? NextWork.Of(instance.State, now)
                    : null;

                // An activity that is not pure runs only after every earlier step of this run has committed.
                if (work is { } next && !pipeline.IsEmpty && !IsPure(definition, next) && !await CommittedAsync(pipeline))
                {
                    instance = null;
                }
                else
                {
                    var step = work is { } chosen ? await StepAsync(definition, instance, chosen, now, cancellationToken) : null;
                    if (step is null)
                    {
                        // Nothing runnable: give the lease back, unless a newer commit came in meanwhile (it may have
                        // brought work, or handed the lease on to this host's next run of the instance). Then look again.
                        if (pipeline.IsEmpty || await CommittedAsync(pipeline))
                        {
                            var revision = instance.Revision;
                            if (await writer.WriteReplayableAsync((s, ct) => s.ReleaseLeaseIfUnchangedAsync(instanceId, leaseOwner.Id, revision, ct), cancellationToken, urgent))
                            {
                                return true;
                            }
                        }
                    }
                    else
                    {
                        if (!step.Instance.State.HasRunnableWork(now) || step.Instance.Status != WorkflowStatus.Running)
                        {
                            step.ReleaseLeaseOf = leaseOwner.Id;
                        }

                        pipeline.Add(step.Seal());
                        instance = step.Instance;
                        var leaseHolds = now < instance.LeaseUntil - (options.Value.LeaseDuration / 2);
                        if (step.ReleaseLeaseOf is null && leaseHolds && !dispatcher.ResumeWaiting && pipeline.Pending < StepPipeline.MaxUnacknowledged)
                        {
                            // Go on with the next activity while this step commits.
                            continue;
                        }

                        if (await CommittedAsync(pipeline))
                        {
                            if (step.ReleaseLeaseOf is not null)
                            {
                                return true;
                            }

                            if (leaseHolds)
                            {
                                if (dispatcher.ResumeWaiting)
                                {
                                    // A resumed instance waits for a worker: make room, and carry on after it.
                                    yielded = instance;
                                    return true;
                                }

                                continue;
                            }
                        }
                    }

                    // Otherwise the lease is half gone (renew it), or someone (a task completion, an alteration)
                    // committed first: then the steps after theirs are dropped and the instance read again.
                }

                instance = await LeaseAsync(instanceId, urgent, cancellationToken);
                if (instance is null)
                {
                    return false;
                }

                seen = Math.Max(seen, instance.Revision);
                definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(logger, ex, instanceId);

            // Only if nothing was committed since: a newer commit may have handed the lease to the next run. If this
            // release does not happen, the lease runs out and a sweep picks the instance up.
            await pipeline.DrainQuietlyAsync();
            var revision = seen = Math.Max(seen, pipeline.CommittedRevision ?? seen);
            await writer.WriteReplayableAsync((s, ct) => s.ReleaseLeaseIfUnchangedAsync(instanceId, leaseOwner.Id, revision, ct), CancellationToken.None);
            throw;
        }
        finally
        {
            if (yielded is not null)
            {
                dispatcher.Yield(yielded);
            }
            else
            {
                dispatcher.DropHandedOver(instanceId, seen);
            }
        }

        // Waits for the steps queued so far; true when all committed (the instance in hand is then the stored one).
        async Task<bool> CommittedAsync(StepPipeline queued)
        {
            var (_, all) = await queued.DrainAsync();
            seen = Math.Max(seen, queued.CommittedRevision ?? seen);
            return all;
        }
    }

    /// <summary>Whether the next work is pure: a timer's resumption always is; an activity when its handler says so.</summary>
    private bool IsPure(WorkflowDefinition definition, NextWork work)
    {
        if (work.Item is not { } item)
        {
            return true;
        }

        var activity = definition.GetActivity(item.ActivityId);
        return activities.Get(activity.Type).IsPure(activity);
    }

    /// <summary>
    /// The instance as committed by the start or resume that took its lease for this host, if there is one and its lease
    /// has at least half its duration left: then no lease commit (and no read) is needed to run it.
    /// </summary>
    private WorkflowInstance? HandedOver(string instanceId)
    {
        var handed = dispatcher.TakeHandedOver(instanceId);
        return handed is { Status: WorkflowStatus.Running, LeaseUntil: { } until } && handed.LeaseOwner == leaseOwner.Id
            && until - time.GetUtcNow() >= options.Value.LeaseDuration / 2
            ? handed
            : null;
    }

    private Task<WorkflowInstance?> LeaseAsync(string instanceId, bool urgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return writer.WriteReplayableAsync((s, ct) => s.TryLeaseAsync(instanceId, leaseOwner.Id, now, now + options.Value.LeaseDuration, ct), cancellationToken, urgent);
    }

    private async ValueTask<StepCommit> StepAsync(WorkflowDefinition definition, WorkflowInstance instance, NextWork work, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Timer is { } timer
            ? ResumeTimer(definition, instance, timer, instance.State.Bookmarks[timer], now)
            : await ExecuteAsync(definition, instance, work.Item!, now, cancellationToken);

    /// <summary>What an instance does next: resume its first due timer, else execute its first runnable work item.</summary>
    private readonly record struct NextWork(string? Timer, WorkItem? Item)
    {
        public static NextWork? Of(InstanceState state, DateTimeOffset now) =>
            state.FirstDueTimer(now) is { } timer ? new NextWork(timer, null)
            : state.FirstRunnable(now) is { } item ? new NextWork(null, item)
            : null;
    }

    private static StepCommit ResumeTimer(WorkflowDefinition definition, WorkflowInstance instance, string bookmarkId, BookmarkRef bookmark, DateTimeOffset now)
    {
        var next = instance.NextRevision(now);
        var step = new StepCommit(next, instance.Revision);
        next.State.Bookmarks.Remove(bookmarkId);
        step.DeletedBookmarks.Add(bookmarkId);
        Flowchart.Complete(definition, next.State, bookmark.ActivityId, "Done", now);
        step.Log(JournalEvents.ActivityResumed, System, now, bookmark.ActivityId, "Timer", "Done");
        Settle(step, now);
        return step;
    }

    private async ValueTask<StepCommit> ExecuteAsync(WorkflowDefinition definition, WorkflowInstance instance, WorkItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = instance.NextRevision(now);
        next.State.Scheduled.Remove(item);
        var step = new StepCommit(next, instance.Revision);
        var activity = definition.GetActivity(item.ActivityId);
        var handler = activities.Get(activity.Type);
        var context = new ActivityExecutionContext
        {
            Definition = definition,
            Activity = activity,
            Instance = next,
            WorkItem = item,
            Now = now,
            Services = services,
        };

        ActivityResult result;
        try
        {
            result = await handler.ExecuteAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failed execution's variable changes and effects are discarded with `next`'s clone of the state.
            var faulted = instance.NextRevision(now);
            faulted.State.Scheduled.Remove(item);
            var faultStep = new StepCommit(faulted, instance.Revision);
            RecordFault(definition, faultStep, activity, item, ex, now);
            Settle(faultStep, now);
            return faultStep;
        }

        if (context.Effects.Count > 0)
        {
            step.Effects.AddRange(context.Effects);
        }
        switch (result)
        {
            case ActivityResult.Completed completed:
                Flowchart.Complete(definition, next.State, activity.Id, completed.Outcome, now);
                step.Log(JournalEvents.ActivityCompleted, System, now, activity.Id, activity.Type, completed.Outcome);
                break;
            case ActivityResult.Suspended suspended:
                Suspend(step, activity, item, suspended.Bookmark, now);
                break;
            case ActivityResult.EndInstance:
                step.Log(JournalEvents.ActivityCompleted, System, now, activity.Id, activity.Type);
                step.DeletedBookmarks.AddRange(next.State.Bookmarks.Keys);
                next.State.Bookmarks.Clear();
                next.State.Scheduled.Clear();
                next.State.JoinArrivals.Clear();
                step.CancelOpenTasks = true;
                break;
            case ActivityResult.Waiting:
                break;
        }

        Settle(step, now);
        return step;
    }

    private static void Suspend(StepCommit step, ActivityDefinition activity, WorkItem item, BookmarkRequest request, DateTimeOffset now)
    {
        var instance = step.Instance;
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = instance.Id,
            ActivityId = activity.Id,
            WorkItemId = item.Id,
            Name = request.Name,
            Hash = Bookmark.ComputeHash(request.Name, request.MatchKey),
            PayloadJson = request.Payload?.ToJsonString(),
            ResumeAt = request.ResumeAt,
            CreatedAt = now,
        };
        instance.State.Bookmarks[bookmark.Id] = new BookmarkRef(activity.Id, item.Id, request.Name, request.ResumeAt);
        step.NewBookmarks.Add(bookmark);
        if (request.Task is { } task)
        {
            var taskId = Guid.CreateVersion7().ToString("N");

            // The outbox learns of the new task in the same commit, so a notification is neither lost nor sent twice.
            step.Effects.Add(new WorkflowEffect
            {
                Id = Guid.CreateVersion7().ToString("N"),
                InstanceId = instance.Id,
                ActivityId = activity.Id,
                Kind = WorkflowEffect.TaskCreatedKind,
                IdempotencyKey = $"{WorkflowEffect.TaskCreatedKind}:{taskId}",
                PayloadJson = new JsonObject { ["taskId"] = taskId }.ToJsonString(),
                CreatedAt = now,
            });
            step.NewTasks.Add(new UserTask
            {
                Id = taskId,
                InstanceId = instance.Id,
                DefinitionId = instance.DefinitionId,
                ActivityId = activity.Id,
                BookmarkId = bookmark.Id,
                Kind = task.Kind,
                Title = task.Title,
                Description = task.Description,
                Role = task.Role,
                Assignee = task.Assignee,
                Status = task.Assignee is not null ? UserTaskStatus.Assigned : task.Role is not null ? UserTaskStatus.Available : UserTaskStatus.Unassigned,
                Outcomes = task.Outcomes,
                FormJson = task.Form?.ToJsonString(),
                DueAt = task.DueAt,
                Revision = 1,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        step.Log(JournalEvents.ActivitySuspended, System, now, activity.Id, activity.Type, dataJson: new JsonObject { ["bookmark"] = request.Name }.ToJsonString());
    }

    private static void RecordFault(WorkflowDefinition definition, StepCommit step, ActivityDefinition activity, WorkItem item, Exception ex, DateTimeOffset now)
    {
        var instance = step.Instance;
        var policy = RetryPolicy.For(activity);
        instance.IncidentCount++;
        step.Incidents.Add(new Incident
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = instance.Id,
            ActivityId = activity.Id,
            ActivityType = activity.Type,
            Message = ex.Message,
            Exception = ex.GetType().FullName,
            Attempt = item.Attempt,
            Timestamp = now,
        });

        if (item.Attempt < policy.MaxAttempts)
        {
            var retryAt = now + policy.DelayBefore(item.Attempt + 1);
            instance.State.Scheduled.Add(item with { Attempt = item.Attempt + 1, NotBefore = retryAt });
            step.Log(JournalEvents.ActivityRetryScheduled, System, now, activity.Id, activity.Type, dataJson: new JsonObject { ["attempt"] = item.Attempt, ["error"] = ex.Message, ["retryAt"] = retryAt }.ToJsonString());
            return;
        }

        instance.State.Faulted.Add(item);
        step.Log(JournalEvents.ActivityFaulted, System, now, activity.Id, activity.Type, dataJson: new JsonObject { ["attempt"] = item.Attempt, ["error"] = ex.Message }.ToJsonString());
        if (definition.IncidentStrategy == IncidentStrategy.Fault)
        {
            instance.Status = WorkflowStatus.Finished;
            instance.SubStatus = WorkflowSubStatus.Faulted;
            instance.FinishedAt = now;
            instance.WakeAt = null;
            step.Log(JournalEvents.InstanceFaulted, System, now, activity.Id, activity.Type);
        }
    }

    private static void Settle(StepCommit step, DateTimeOffset now)
    {
        if (Flowchart.Settle(step.Instance, now))
        {
            step.Log(step.Instance.SubStatus == WorkflowSubStatus.Faulted ? JournalEvents.InstanceFaulted : JournalEvents.InstanceFinished, System, now);
        }
        else if (step.Instance.Status == WorkflowStatus.Running && step.Instance.State.HasRunnableWork(now))
        {
            step.Instance.SubStatus = WorkflowSubStatus.Executing;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Running workflow instance {InstanceId} failed outside any activity")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string instanceId);
}
