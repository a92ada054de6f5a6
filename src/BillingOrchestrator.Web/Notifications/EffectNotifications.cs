using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Drains the engine's transactional outbox of what people must hear about (a <c>Notify</c> activity, a new task or gate):
/// each effect becomes notification rows in the same transaction that marks it dispatched, so it is turned into
/// messages exactly once even with several hosts or a crash in between.
/// </summary>
public sealed class EffectNotifications(BillingDbContext db, NotificationOutbox outbox, TimeProvider time)
{
    private static readonly string[] Kinds = [NotifyActivity.EffectKind, WorkflowEffect.TaskCreatedKind];

    public async Task<int> DispatchAsync(int take, CancellationToken cancellationToken)
    {
        var effects = await db.Set<WorkflowEffect>().AsNoTracking()
            .Where(e => e.DispatchedAt == null && Kinds.Contains(e.Kind))
            .OrderBy(e => e.CreatedAt)
            .Take(take)
            .ToListAsync(cancellationToken);
        var dispatched = 0;
        foreach (var effect in effects)
        {
            dispatched += await DispatchAsync(effect, cancellationToken) ? 1 : 0;
        }

        return dispatched;
    }

    private async Task<bool> DispatchAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.Set<WorkflowEffect>()
            .Where(e => e.Id == effect.Id && e.DispatchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        if (await MessageForAsync(effect, cancellationToken) is { } message)
        {
            outbox.Add(message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another host queued the same messages first (unique keys): its commit stands, this one rolls back.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
    }

    private async Task<NotificationMessage?> MessageForAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        var payload = effect.PayloadJson is null ? null : JsonNode.Parse(effect.PayloadJson) as JsonObject;
        if (effect.Kind == NotifyActivity.EffectKind)
        {
            var to = payload?["to"]?.GetValue<string>() ?? "";
            return new NotificationMessage(
                $"effect:{effect.Id}",
                NotificationEvents.WorkflowNotify,
                to.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                payload?["subject"]?.GetValue<string>() ?? "(no subject)",
                $"{payload?["message"]?.GetValue<string>()}\n\nWorkflow {payload?["definitionId"]?.GetValue<string>()}, instance {effect.InstanceId}.".TrimStart(),
                effect.InstanceId);
        }

        var taskId = payload?["taskId"]?.GetValue<string>();
        var task = taskId is null ? null : await db.Set<UserTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !task.IsOpen)
        {
            // Done before anyone could be told: nothing to announce.
            return null;
        }

        var gate = task.Kind == UserTaskKinds.QualityGate;
        return new NotificationMessage(
            $"task-created:{task.Id}",
            gate ? NotificationEvents.GateWaiting : NotificationEvents.TaskCreated,
            [task.Assignee ?? task.Role ?? ""],
            gate ? $"Gate waiting for approval: {task.Title}" : $"New task: {task.Title}",
            Describe(task),
            task.InstanceId,
            task.Id);
    }

    /// <summary>The plain-text description of a task used in every message about it.</summary>
    public static string Describe(UserTask task)
    {
        var text = new StringBuilder();
        text.AppendLine(task.Title);
        if (!string.IsNullOrWhiteSpace(task.Description))
        {
            text.AppendLine(task.Description);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Workflow {task.DefinitionId}, instance {task.InstanceId}, task {task.Id}.");
        text.AppendLine(task.Assignee is not null ? $"Assigned to {task.Assignee}." : $"For role {task.Role ?? "(none)"}.");
        if (task.DueAt is { } due)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Due {due:yyyy-MM-dd HH:mm} UTC.");
        }

        return text.ToString();
    }
}
