using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Diagnostics;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>
/// Claim, release, assign and complete. Each runs in one unit of work: a stale <c>expectedRevision</c> is refused
/// (<see cref="WorkflowConflictException"/>), and a repeated <c>operationId</c> returns the first result and changes nothing.
/// Completing a task resumes its instance in the same transaction.
/// </summary>
public sealed class UserTaskService(
    IWorkflowWriter writer,
    WorkflowDefinitionCache definitions,
    WorkflowDispatcher dispatcher,
    ITaskAssigneeDirectory assignees,
    TwoPersonRule twoPersonRule,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<UserTask> ClaimAsync(string taskId, ClaimTask command, WorkflowActor actor, CancellationToken cancellationToken) =>
        MutateAsync(taskId, command, actor, JournalEvents.TaskClaimed, (task, _, _) =>
        {
            RequireRoleOrAdmin(task, actor);
            if (task.Status == UserTaskStatus.Assigned && task.Assignee != actor.Name)
            {
                throw new WorkflowConflictException($"Task {task.Id} is already claimed by {task.Assignee}.");
            }

            task.Assignee = actor.Name;
            task.Status = UserTaskStatus.Assigned;
            return ValueTask.FromResult<WorkflowInstance?>(null);
        }, cancellationToken);

    public Task<UserTask> ReleaseAsync(string taskId, ReleaseTask command, WorkflowActor actor, CancellationToken cancellationToken) =>
        MutateAsync(taskId, command, actor, JournalEvents.TaskReleased, (task, _, _) =>
        {
            if (task.Status != UserTaskStatus.Assigned)
            {
                throw new WorkflowConflictException($"Task {task.Id} is {task.Status}; only an assigned task can be released.");
            }

            if (task.Assignee != actor.Name && !actor.IsAdmin)
            {
                throw new WorkflowForbiddenException($"Only {task.Assignee} or an admin can release task {task.Id}.");
            }

            task.Assignee = null;
            task.Status = task.Role is null ? UserTaskStatus.Unassigned : UserTaskStatus.Available;
            return ValueTask.FromResult<WorkflowInstance?>(null);
        }, cancellationToken);

    public Task<UserTask> AssignAsync(string taskId, AssignTask command, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Assignee))
        {
            throw new WorkflowValidationException("assignee", "required: the user to assign the task to");
        }

        return MutateAsync(taskId, command, actor, JournalEvents.TaskAssigned, async ValueTask<WorkflowInstance?> (task, _, ct) =>
        {
            RequireRoleOrAdmin(task, actor);
            var check = await assignees.CheckAsync(command.Assignee.Trim(), task.Role, ct);
            task.Assignee = check.UserName ?? throw new WorkflowValidationException("assignee", check.Refusal ?? "refused by the assignee directory");
            task.Status = UserTaskStatus.Assigned;
            return null;
        }, cancellationToken);
    }

    public async Task<UserTask> CompleteAsync(string taskId, CompleteTask command, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Outcome))
        {
            throw new WorkflowValidationException("outcome", "required: one of the task's outcomes");
        }

        JsonNumbers.Check(command.Data, "data");
        using var span = WorkflowTelemetry.Source.StartActivity("task.complete");
        span?.SetTag("workflow.task_id", taskId);

        // Set by the attempt that commits; a repeated operationId returns the first result with another completion time.
        DateTimeOffset? completedHere = null;
        var completed = await MutateAsync(taskId, command, actor, JournalEvents.TaskCompleted, async ValueTask<WorkflowInstance?> (task, session, ct) =>
        {
            if (task.Status == UserTaskStatus.Assigned ? task.Assignee != actor.Name && !actor.IsAdmin : !actor.InRole(task.Role) && !actor.IsAdmin)
            {
                throw new WorkflowForbiddenException(task.Status == UserTaskStatus.Assigned
                    ? $"Task {task.Id} is assigned to {task.Assignee}."
                    : $"Task {task.Id} is for role {task.Role ?? "(none)"}.");
            }

            if (!task.Outcomes.Contains(command.Outcome, StringComparer.Ordinal))
            {
                throw new WorkflowValidationException("outcome", $"'{command.Outcome}' is not an outcome of this task; choose one of {string.Join(", ", task.Outcomes)}");
            }

            var problems = TaskForm.Check(task.FormJson, command.Outcome, command.Data, QualityGateActivity.Approved);
            if (problems.Count > 0)
            {
                throw new WorkflowValidationException(problems);
            }

            var instance = await session.GetInstanceAsync(task.InstanceId, ct)
                ?? throw new WorkflowNotFoundException($"Instance {task.InstanceId} of task {task.Id} does not exist.");
            if (instance.Status != WorkflowStatus.Running)
            {
                throw new WorkflowConflictException($"Instance {instance.Id} is {instance.SubStatus}; its tasks can no longer be completed.");
            }

            var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            if (await twoPersonRule.RefusalAsync(definition, task, actor, ct) is { } refusal)
            {
                throw new WorkflowConflictException(refusal);
            }

            var now = time.GetUtcNow();
            task.Status = UserTaskStatus.Completed;
            task.Outcome = command.Outcome;
            task.CompletedBy = actor.Name;
            task.CompletedAt = now;
            task.Comment = command.Comment;
            task.ResultJson = command.Data?.ToJsonString();
            var output = new JsonObject
            {
                ["outcome"] = command.Outcome,
                ["data"] = command.Data?.DeepClone(),
                ["comment"] = command.Comment,
                ["completedBy"] = actor.Name,
                ["completedAt"] = now,
            };
            var mutation = new InstanceMutation(instance, now, actor);
            mutation.Resume(definition, task.BookmarkId, command.Outcome, output);
            await mutation.CommitAsync(session, ct, dispatcher.LeaseFor(now));
            completedHere = now;
            return mutation.Leased ? mutation.Instance : null;
        }, cancellationToken);

        if (completedHere is not null && completed.CompletedAt == completedHere)
        {
            Record(completed, span);
        }

        return completed;
    }

    private static void Record(UserTask task, System.Diagnostics.Activity? span)
    {
        var definition = new KeyValuePair<string, object?>(WorkflowTelemetry.DefinitionTag, task.DefinitionId);
        var outcome = new KeyValuePair<string, object?>(WorkflowTelemetry.OutcomeTag, task.Outcome);
        WorkflowTelemetry.TasksCompleted.Add(1, definition, new KeyValuePair<string, object?>("workflow.task_kind", task.Kind), outcome);
        if (task.Kind == UserTaskKinds.QualityGate)
        {
            var waited = (task.CompletedAt!.Value - task.CreatedAt).TotalSeconds;
            WorkflowTelemetry.GateWaitingTime.Record(waited, definition, new KeyValuePair<string, object?>(WorkflowTelemetry.ActivityIdTag, task.ActivityId), outcome);
            span?.SetTag("workflow.gate_waiting_seconds", waited);
        }

        span?.SetTag(WorkflowTelemetry.DefinitionTag, task.DefinitionId);
        span?.SetTag("workflow.instance_id", task.InstanceId);
        span?.SetTag("workflow.task_kind", task.Kind);
        span?.SetTag(WorkflowTelemetry.OutcomeTag, task.Outcome);
    }

    private static void RequireRoleOrAdmin(UserTask task, WorkflowActor actor)
    {
        if (!actor.IsAdmin && !actor.InRole(task.Role) && task.Assignee != actor.Name)
        {
            throw new WorkflowForbiddenException($"Task {task.Id} is for role {task.Role ?? "(none)"}; you are not in it.");
        }
    }

    private async Task<UserTask> MutateAsync(
        string taskId,
        TaskCommand command,
        WorkflowActor actor,
        string journalEvent,
        Func<UserTask, IWorkflowWriteSession, CancellationToken, ValueTask<WorkflowInstance?>> apply,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.OperationId) || command.OperationId.Length > 100)
        {
            throw new WorkflowValidationException("operationId", "required: a client-chosen id of at most 100 characters, unique per intended change");
        }

        var operationId = $"task:{command.OperationId}";
        var (result, leased) = await InstanceMutation.RetryOnConflictAsync(() => writer.WriteAsync(
            async (session, ct) =>
            {
                if (await session.GetOperationResultAsync(operationId, ct) is { } earlier)
                {
                    var first = JsonSerializer.Deserialize<UserTask>(earlier, Json)!;
                    return first.Id == taskId ? (first, (WorkflowInstance?)null) : throw new WorkflowConflictException($"operationId '{command.OperationId}' was already used for task {first.Id}.");
                }

                var task = await session.GetTaskAsync(taskId, ct) ?? throw new WorkflowNotFoundException($"Task {taskId} does not exist.");
                if (!task.IsOpen)
                {
                    throw new WorkflowConflictException($"Task {task.Id} is {task.Status} (by {task.CompletedBy ?? "the workflow"}); it can no longer change.");
                }

                if (task.Revision != command.ExpectedRevision)
                {
                    throw new WorkflowConflictException($"Task {task.Id} is at revision {task.Revision}, not {command.ExpectedRevision}: someone changed it first. Reload and try again.");
                }

                var resumed = await apply(task, session, ct);
                var now = time.GetUtcNow();
                task.Revision++;
                task.UpdatedAt = now;
                if (!await session.UpdateTaskAsync(task, command.ExpectedRevision, ct))
                {
                    throw new WorkflowConflictException($"Task {task.Id} changed while this request was being applied.");
                }

                var data = journalEvent == JournalEvents.TaskCompleted
                    ? new JsonObject { ["taskId"] = task.Id, ["comment"] = task.Comment, ["data"] = task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson) }
                    : new JsonObject { ["taskId"] = task.Id, ["assignee"] = task.Assignee };
                await session.AppendJournalAsync(
                    new JournalEntry { InstanceId = task.InstanceId, Timestamp = now, ActivityId = task.ActivityId, ActivityType = task.Kind, Event = journalEvent, Outcome = task.Outcome, Actor = actor.Name, DataJson = data.ToJsonString() },
                    ct);
                await session.RecordOperationAsync(operationId, task.Id, JsonSerializer.Serialize(task, Json), now, ct);
                return (task, resumed);
            },
            cancellationToken,
            urgent: true));

        // A completion resumed the instance: run it ahead of new starts, from the committed copy if the lease came with it.
        if (leased is not null)
        {
            dispatcher.DispatchLeased(leased, priority: true);
        }
        else if (result.Status == UserTaskStatus.Completed)
        {
            dispatcher.Dispatch(result.InstanceId, priority: true);
        }

        return result;
    }
}
