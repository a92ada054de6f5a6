using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Audited repairs of instances: cancel, retry a faulted instance, and migrate to another version without re-running finished work.</summary>
public sealed class WorkflowAlterationService(
    IWorkflowWriter writer,
    IWorkflowDefinitionStore definitionStore,
    WorkflowDefinitionCache definitions,
    WorkflowDispatcher dispatcher,
    TimeProvider time)
{
    public Task<WorkflowInstance> CancelAsync(string instanceId, string? reason, WorkflowActor actor, CancellationToken cancellationToken) =>
        AlterAsync(instanceId, actor, (mutation, _) =>
        {
            var instance = mutation.Instance;
            if (instance.Status != WorkflowStatus.Running)
            {
                throw new WorkflowConflictException($"Instance {instance.Id} is already {instance.SubStatus}.");
            }

            mutation.Step.DeletedBookmarks.AddRange(instance.State.Bookmarks.Keys);
            instance.State.Bookmarks.Clear();
            instance.State.Scheduled.Clear();
            instance.Status = WorkflowStatus.Finished;
            instance.SubStatus = WorkflowSubStatus.Cancelled;
            instance.FinishedAt = mutation.Now;
            instance.WakeAt = null;
            mutation.Step.CancelOpenTasks = true;
            mutation.Log(JournalEvents.InstanceCancelled, data: new JsonObject { ["reason"] = reason });
            return ValueTask.CompletedTask;
        }, cancellationToken);

    public Task<WorkflowInstance> RetryAsync(string instanceId, WorkflowActor actor, CancellationToken cancellationToken) =>
        AlterAsync(instanceId, actor, async (mutation, session) =>
        {
            var instance = mutation.Instance;
            if (instance.SubStatus != WorkflowSubStatus.Faulted || instance.State.Faulted.Count == 0)
            {
                throw new WorkflowConflictException($"Instance {instance.Id} is {instance.SubStatus}; only a faulted instance can be retried.");
            }

            var retried = instance.State.Faulted.Select(w => w.ActivityId).ToArray();
            instance.State.Scheduled.AddRange(instance.State.Faulted.Select(w => w with { Attempt = 1, NotBefore = null }));
            instance.State.Faulted.Clear();
            instance.Status = WorkflowStatus.Running;
            instance.SubStatus = WorkflowSubStatus.Pending;
            instance.FinishedAt = null;
            await session.ResolveIncidentsAsync(instance.Id, mutation.Now, CancellationToken.None);
            mutation.Log(JournalEvents.InstanceRetried, data: new JsonObject { ["activities"] = new JsonArray([.. retried.Select(a => JsonValue.Create(a))]) });
        }, cancellationToken);

    public async Task<WorkflowInstance> MigrateAsync(string instanceId, int? targetVersion, WorkflowActor actor, CancellationToken cancellationToken)
    {
        var current = await writer.WriteAsync((s, ct) => s.GetInstanceAsync(instanceId, ct), cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        var stored = await definitionStore.FindAsync(current.DefinitionId, targetVersion is { } v ? VersionSelector.Exactly(v) : VersionSelector.Published, cancellationToken);
        if (stored?.PublishedAt is null)
        {
            throw new WorkflowValidationException("targetVersion", $"'{current.DefinitionId}' has no published version {targetVersion?.ToString() ?? "to migrate to"}");
        }

        var target = await definitions.GetAsync(current.DefinitionId, stored.Version, cancellationToken);
        return await AlterAsync(instanceId, actor, async (mutation, _) =>
        {
            var instance = mutation.Instance;
            if (instance.Status != WorkflowStatus.Running)
            {
                throw new WorkflowConflictException($"Instance {instance.Id} is {instance.SubStatus}; only running instances can be migrated.");
            }

            var from = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, CancellationToken.None);
            var problems = CurrentPositions(instance.State)
                .Where(id => target.FindActivity(id)?.Type != from.FindActivity(id)?.Type)
                .Select(id => ($"targetVersion", $"activity '{id}' where the instance stands is missing from v{target.Version} or has another type there"))
                .ToList();
            if (problems.Count > 0)
            {
                throw new WorkflowValidationException(problems);
            }

            var fromVersion = instance.DefinitionVersion;
            instance.DefinitionVersion = target.Version;
            mutation.Log(JournalEvents.InstanceMigrated, data: new JsonObject
            {
                ["fromVersion"] = fromVersion,
                ["toVersion"] = target.Version,
                ["finishedActivitiesKept"] = instance.State.Activities.Count,
            });
        }, cancellationToken);
    }

    private static IEnumerable<string> CurrentPositions(InstanceState state) =>
        state.Scheduled.Select(w => w.ActivityId)
            .Concat(state.Faulted.Select(w => w.ActivityId))
            .Concat(state.Bookmarks.Values.Select(b => b.ActivityId))
            .Concat(state.JoinArrivals.Keys)
            .Distinct(StringComparer.Ordinal);

    private async Task<WorkflowInstance> AlterAsync(string instanceId, WorkflowActor actor, Func<InstanceMutation, IWorkflowWriteSession, ValueTask> alter, CancellationToken cancellationToken)
    {
        var instance = await InstanceMutation.RetryOnConflictAsync(() => writer.WriteAsync(
            async (session, ct) =>
            {
                var current = await session.GetInstanceAsync(instanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
                var mutation = new InstanceMutation(current, time.GetUtcNow(), actor);
                await alter(mutation, session);
                await mutation.CommitAsync(session, ct);
                return mutation.Instance;
            },
            cancellationToken,
            urgent: true));
        dispatcher.Dispatch(instance.Id, priority: true);
        return instance;
    }
}
