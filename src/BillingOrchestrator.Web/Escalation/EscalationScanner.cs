using System.Globalization;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>
/// One pass over every <see cref="IOverdueSource"/>: an overdue item's owners are notified (level 1) once it is
/// <c>notifyAfter</c> past due, and <c>reassignAfter</c> after that notice it is reassigned to the escalation role of
/// its path (level 2). Each escalation commits in one transaction with its notifications and the reassignment; the
/// unique (kind, item, level) row makes a second host or a replay after a crash change nothing.
/// </summary>
public sealed partial class EscalationScanner(
    BillingDbContext db,
    IEnumerable<IOverdueSource> sources,
    NotificationOutbox outbox,
    IAuditLog audit,
    TimeProvider time,
    ILogger<EscalationScanner> logger)
{
    public const string Actor = "system:escalation";

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var paths = (await db.Set<EscalationPathRow>().AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(p => p.Role, StringComparer.OrdinalIgnoreCase);
        var escalated = 0;
        foreach (var source in sources)
        {
            var now = time.GetUtcNow();
            var items = await source.FindOverdueAsync(now, 200, cancellationToken);
            if (items.Count == 0)
            {
                continue;
            }

            var ids = items.Select(i => i.Id).ToList();
            var earlier = (await db.Set<EscalationRow>().AsNoTracking()
                    .Where(e => e.ItemKind == source.Kind && ids.Contains(e.ItemId))
                    .ToListAsync(cancellationToken))
                .ToLookup(e => e.ItemId);
            foreach (var item in items)
            {
                var done = earlier[item.Id].ToList();
                var path = item.Role is null ? null : paths.GetValueOrDefault(item.Role);
                var notified = done.FirstOrDefault(e => e.Level == EscalationRow.Notified);
                if (notified is null)
                {
                    if (now >= item.DueAt + (path?.NotifyAfter ?? TimeSpan.Zero))
                    {
                        escalated += await EscalateAsync(source, item, path, EscalationRow.Notified, cancellationToken) ? 1 : 0;
                    }
                }
                else if (path is not null && done.All(e => e.Level != EscalationRow.Reassigned)
                    && !string.Equals(path.EscalationRole, item.Role, StringComparison.OrdinalIgnoreCase)
                    && now >= notified.At + path.ReassignAfter)
                {
                    escalated += await EscalateAsync(source, item, path, EscalationRow.Reassigned, cancellationToken) ? 1 : 0;
                }
            }
        }

        return escalated;
    }

    private async Task<bool> EscalateAsync(IOverdueSource source, OverdueItem item, EscalationPathRow? path, int level, CancellationToken cancellationToken)
    {
        var row = await CommitAsync(source, item, path, level, cancellationToken);
        if (row is null)
        {
            return false;
        }

        var data = new JsonObject
        {
            ["itemKind"] = row.ItemKind,
            ["itemId"] = row.ItemId,
            ["level"] = row.Level,
            ["title"] = row.Title,
            ["dueAt"] = row.DueAt,
            ["fromRole"] = row.FromRole,
            ["toRole"] = row.ToRole,
            ["instanceId"] = row.InstanceId,
        };

        // Recorded after the escalation committed, as every command's audit entry is.
        await audit.AppendAsync(Actor, level == EscalationRow.Notified ? "escalations.notify" : "escalations.reassign", $"{source.Kind}:{item.Id}", data.ToJsonString(), CancellationToken.None);
        LogEscalated(logger, source.Kind, item.Id, level, row.ToRole);
        return true;
    }

    private async Task<EscalationRow?> CommitAsync(IOverdueSource source, OverdueItem item, EscalationPathRow? path, int level, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var reassign = level == EscalationRow.Reassigned;
        var owners = item.Assignee ?? item.Role;
        var row = new EscalationRow
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ItemKind = source.Kind,
            ItemId = item.Id,
            Level = level,
            Action = reassign ? "reassign" : "notify",
            Title = item.Title,
            InstanceId = item.InstanceId,
            FromRole = item.Role,
            ToRole = reassign ? path!.EscalationRole : item.Role,
            DueAt = item.DueAt,
            At = now,
        };
        if (reassign && !await source.ReassignAsync(db, item, path!.EscalationRole, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }

        db.Add(row);
        var due = item.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var what = $"{item.Description ?? "Item"} \"{item.Title}\" ({source.Kind} {item.Id}{(item.InstanceId is null ? "" : $", instance {item.InstanceId}")})";
        outbox.Add(reassign
            ? new NotificationMessage(
                $"escalation:{source.Kind}:{item.Id}:{level}",
                NotificationEvents.Escalated,
                [path!.EscalationRole, owners ?? ""],
                $"Escalated to {path.EscalationRole}: {item.Title}",
                $"{what} was due {due} UTC and is still open. It is now assigned to the {path.EscalationRole} role.",
                item.InstanceId,
                source.Kind == "task" ? item.Id : null)
            : new NotificationMessage(
                $"escalation:{source.Kind}:{item.Id}:{level}",
                NotificationEvents.Overdue,
                [owners ?? ""],
                $"Overdue: {item.Title}",
                path is null
                    ? $"{what} was due {due} UTC and is still open."
                    : $"{what} was due {due} UTC and is still open. If it is still open in {path.ReassignAfter}, it goes to the {path.EscalationRole} role.",
                item.InstanceId,
                source.Kind == "task" ? item.Id : null));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException)
        {
            // Another host (or an earlier run) recorded this level first; its escalation stands and this one changes nothing.
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {ItemKind} {ItemId} to level {Level} ({ToRole})")]
    private static partial void LogEscalated(ILogger logger, string itemKind, string itemId, int level, string? toRole);
}
