using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>User tasks and quality gates past their <c>dueIn</c>. Reassignment moves the task to the escalation role, unclaimed, and journals it.</summary>
public sealed class TaskOverdueSource(BillingDbContext db) : IOverdueSource
{
    public string Kind => "task";

    public async Task<IReadOnlyList<OverdueItem>> FindOverdueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken) =>
        await db.Set<UserTask>().AsNoTracking()
            .Where(t => (t.Status == UserTaskStatus.Available || t.Status == UserTaskStatus.Assigned || t.Status == UserTaskStatus.Unassigned)
                && t.DueAt != null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Take(take)
            .Select(t => new OverdueItem(t.Id, t.Title, t.Role, t.Assignee, t.DueAt!.Value, t.Revision, t.InstanceId, t.ActivityId, t.Kind == UserTaskKinds.QualityGate ? "Quality gate" : "Task"))
            .ToListAsync(cancellationToken);

    public async Task<bool> ReassignAsync(BillingDbContext db, OverdueItem item, string role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await db.Set<UserTask>()
            .Where(t => t.Id == item.Id && t.Revision == item.Revision)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Role, role)
                    .SetProperty(t => t.Assignee, (string?)null)
                    .SetProperty(t => t.Status, UserTaskStatus.Available)
                    .SetProperty(t => t.Revision, t => t.Revision + 1)
                    .SetProperty(t => t.UpdatedAt, now),
                cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        db.Add(new JournalEntry
        {
            InstanceId = item.InstanceId!,
            Timestamp = now,
            ActivityId = item.ActivityId,
            Event = JournalEvents.TaskEscalated,
            Actor = EscalationScanner.Actor,
            DataJson = new JsonObject { ["taskId"] = item.Id, ["fromRole"] = item.Role, ["fromAssignee"] = item.Assignee, ["toRole"] = role }.ToJsonString(),
        });
        return true;
    }
}
