using System.Text.Json;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Web.Notifications;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Operations;

/// <summary>What needs someone's attention now: the exception dashboard's data (GET /api/operations/health-summary).</summary>
public sealed record HealthSummary(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<StuckTask> StuckGates,
    IReadOnlyList<FailedSync> FailedSyncs,
    IReadOnlyList<FaultedInstance> FaultedInstances,
    IReadOnlyList<FailedNotification> FailedNotifications)
{
    /// <summary>Nothing stuck, failed or faulted.</summary>
    public bool AllClear => StuckGates.Count == 0 && FailedSyncs.Count == 0 && FaultedInstances.Count == 0 && FailedNotifications.Count == 0;
}

/// <summary>An open quality gate or user task past its due time.</summary>
public sealed record StuckTask(string TaskId, string Kind, string Title, string InstanceId, string DefinitionId, string? Role, string? Assignee, DateTimeOffset DueAt, double HoursOverdue);

public sealed record FailedSync(string Id, string Kind, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string StartedBy, string Error);

/// <summary>An instance that finished faulted, or runs on with a step given up on; Admin retries it at <see cref="RetryUrl"/>.</summary>
public sealed record FaultedInstance(string InstanceId, string DefinitionId, string State, int Incidents, string? ActivityId, string? LastError, DateTimeOffset? LastIncidentAt, string RetryUrl);

public sealed record FailedNotification(string Id, string Event, string Channel, string? Recipient, int Attempts, string? LastError, string? InstanceId);

public sealed class HealthSummaries(BillingDbContext db, TimeProvider time)
{
    /// <summary>Each list holds at most this many rows, the most urgent or most recent first.</summary>
    public const int Limit = 50;

    public async Task<HealthSummary> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stuck = await db.Set<UserTask>().AsNoTracking()
            .Where(t => (t.Status == UserTaskStatus.Available || t.Status == UserTaskStatus.Assigned || t.Status == UserTaskStatus.Unassigned) && t.DueAt != null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Take(Limit)
            .ToListAsync(cancellationToken);

        var syncs = await db.Set<PsaSyncRow>().AsNoTracking().Where(s => !s.Succeeded).OrderByDescending(s => s.StartedAt).Take(Limit).ToListAsync(cancellationToken);

        // Incidents are never marked resolved: an instance is listed while its sub-status is Faulted (finished faulted, or
        // running with a step given up on), with all its incidents (a retry does not clear them).
        var instances = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.SubStatus == WorkflowSubStatus.Faulted)
            .OrderByDescending(i => i.UpdatedAt)
            .Take(Limit)
            .Select(i => new { i.Id, i.DefinitionId, i.Status, i.UpdatedAt })
            .ToListAsync(cancellationToken);
        var ids = instances.Select(i => i.Id).ToList();
        var incidents = (await db.Set<Incident>().AsNoTracking().Where(x => ids.Contains(x.InstanceId)).ToListAsync(cancellationToken))
            .ToLookup(x => x.InstanceId, StringComparer.Ordinal);
        var faulted = instances
            .Select(i =>
            {
                var last = incidents[i.Id].MaxBy(x => x.Timestamp);
                return new FaultedInstance(i.Id, i.DefinitionId, i.Status == WorkflowStatus.Finished ? "Faulted" : "Running, step faulted", incidents[i.Id].Count(), last?.ActivityId, last?.Message, last?.Timestamp, $"/api/workflow-instances/{i.Id}/retry");
            })
            .ToList();

        var notifications = await db.Set<NotificationRow>().AsNoTracking().Where(n => n.Status == NotificationStatuses.Failed).OrderByDescending(n => n.NextAttemptAt).Take(Limit).ToListAsync(cancellationToken);

        return new HealthSummary(
            now,
            [.. stuck.Select(t => new StuckTask(t.Id, t.Kind, t.Title, t.InstanceId, t.DefinitionId, t.Role, t.Assignee, t.DueAt!.Value, Math.Round((now - t.DueAt!.Value).TotalHours, 1)))],
            [.. syncs.Select(s => new FailedSync(s.Id, s.Kind, s.StartedAt, s.FinishedAt, s.StartedBy, ErrorOf(s.ReportJson)))],
            faulted,
            [.. notifications.Select(n => new FailedNotification(n.Id, n.Event, n.Channel, n.Recipient, n.Attempts, n.LastError, n.InstanceId))]);
    }

    // A sync report carries "error" when it stopped early; an import's carries its problems.
    private static string ErrorOf(string reportJson)
    {
        try
        {
            using var document = JsonDocument.Parse(reportJson);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }

            if (root.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array && problems.GetArrayLength() > 0)
            {
                var first = problems[0];
                var reason = first.TryGetProperty("reason", out var r) ? r.GetString() : first.ToString();
                return $"{problems.GetArrayLength()} problem(s); first: {reason}";
            }
        }
        catch (JsonException)
        {
        }

        return "failed (no error recorded)";
    }
}
