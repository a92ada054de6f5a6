using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
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
    IServiceProvider services,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options,
    ILogger<WorkflowRunner> logger)
{
    private const string System = "system";

    /// <summary>Runs the instance until it has nothing runnable left; returns false if another host holds it.</summary>
    public async Task<bool> RunAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await LeaseAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return false;
        }

        var renewAt = time.GetUtcNow() + (options.Value.LeaseDuration / 2);
        try
        {
            var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            while (instance.Status == WorkflowStatus.Running && instance.SubStatus != WorkflowSubStatus.Faulted)
            {
                var now = time.GetUtcNow();
                var step = await NextStepAsync(definition, instance, now, cancellationToken);
                if (step is null)
                {
                    await writer.WriteAsync((s, ct) => ReleaseAsync(s, instanceId, ct), cancellationToken);
                    return true;
                }

                if (!step.Instance.State.HasRunnableWork(now) || step.Instance.Status != WorkflowStatus.Running)
                {
                    step.ReleaseLeaseOf = leaseOwner.Id;
                }

                if (await writer.WriteAsync((s, ct) => step.WriteAsync(s, now, ct), cancellationToken))
                {
                    instance = step.Instance;
                    if (step.ReleaseLeaseOf is not null)
                    {
                        return true;
                    }

                    if (now > renewAt)
                    {
                        renewAt = now + (options.Value.LeaseDuration / 2);
                        instance = await LeaseAsync(instanceId, cancellationToken);
                        if (instance is null)
                        {
                            return false;
                        }
                    }

                    continue;
                }

                // Someone (a task completion, an alteration) committed first: drop this step's result and re-read.
                instance = await LeaseAsync(instanceId, cancellationToken);
                if (instance is null)
                {
                    return false;
                }

                definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
            }

            await writer.WriteAsync((s, ct) => ReleaseAsync(s, instanceId, ct), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(logger, ex, instanceId);
            await writer.WriteAsync((s, ct) => ReleaseAsync(s, instanceId, ct), CancellationToken.None);
            throw;
        }
    }

    private Task<WorkflowInstance?> LeaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return writer.WriteAsync((s, ct) => s.TryLeaseAsync(instanceId, leaseOwner.Id, now, now + options.Value.LeaseDuration, ct), cancellationToken);
    }

    private async ValueTask<bool> ReleaseAsync(IWorkflowWriteSession session, string instanceId, CancellationToken cancellationToken)
    {
        await session.ReleaseLeaseAsync(instanceId, leaseOwner.Id, cancellationToken);
        return true;
    }

    private async ValueTask<StepCommit?> NextStepAsync(WorkflowDefinition definition, WorkflowInstance instance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dueTimer = instance.State.Bookmarks.FirstOrDefault(b => b.Value.ResumeAt <= now);
        if (dueTimer.Key is not null)
        {
            return ResumeTimer(definition, instance, dueTimer.Key, dueTimer.Value, now);
        }

        var item = instance.State.Scheduled.FirstOrDefault(w => w.NotBefore is null || w.NotBefore <= now);
        return item is null ? null : await ExecuteAsync(definition, instance, item, now, cancellationToken);
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

        step.Effects.AddRange(context.Effects);
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
            step.NewTasks.Add(new UserTask
            {
                Id = Guid.CreateVersion7().ToString("N"),
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
