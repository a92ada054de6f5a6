using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Sends the notifications that are due, one at a time. Each is first locked for this host (a conditional update, so
/// two hosts never send it at once); a failure is recorded with its reason and retried later with exponential backoff
/// until <see cref="NotificationOptions.MaxAttempts"/>. Delivery is at least once: a crash between sending and recording
/// resends after the lock expires (emails keep their Message-Id).
/// </summary>
public sealed partial class NotificationDelivery(
    BillingDbContext db,
    IEnumerable<INotificationChannel> channels,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDelivery> logger)
{
    public async Task<int> DeliverDueAsync(int take, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<NotificationRow>().AsNoTracking()
            .Where(n => n.Status == NotificationStatuses.Pending && n.NextAttemptAt <= now && (n.LockedUntil == null || n.LockedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Take(take)
            .ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var notification in due)
        {
            delivered += await DeliverAsync(notification, cancellationToken) ? 1 : 0;
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(NotificationRow notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var lockedUntil = now + settings.SendTimeout + settings.SendTimeout;
        var locked = await db.Set<NotificationRow>()
            .Where(n => n.Id == notification.Id && n.Status == NotificationStatuses.Pending && (n.LockedUntil == null || n.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LockedUntil, lockedUntil), cancellationToken);
        if (locked == 0)
        {
            return false;
        }

        var attempts = notification.Attempts + 1;
        try
        {
            var channel = channels.FirstOrDefault(c => c.Name == notification.Channel)
                ?? throw new NotificationDeliveryException($"no channel '{notification.Channel}'");
            await channel.SendAsync(notification, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = NotificationErrors.Describe(ex, settings);
            var giveUp = attempts >= settings.MaxAttempts;
            var next = time.GetUtcNow() + settings.BackoffAfter(attempts);
            await db.Set<NotificationRow>().Where(n => n.Id == notification.Id).ExecuteUpdateAsync(
                s => s.SetProperty(n => n.Attempts, attempts)
                    .SetProperty(n => n.LastError, error)
                    .SetProperty(n => n.NextAttemptAt, next)
                    .SetProperty(n => n.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(n => n.Status, giveUp ? NotificationStatuses.Failed : NotificationStatuses.Pending),
                CancellationToken.None);
            LogFailed(logger, notification.Id, notification.Channel, attempts, error);
            return false;
        }

        var sentAt = time.GetUtcNow();
        await db.Set<NotificationRow>().Where(n => n.Id == notification.Id).ExecuteUpdateAsync(
            s => s.SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.Status, NotificationStatuses.Sent)
                .SetProperty(n => n.SentAt, sentAt)
                .SetProperty(n => n.LockedUntil, (DateTimeOffset?)null),
            CancellationToken.None);
        return true;
    }

    // The error text is already stripped of secrets; the exception itself is not logged because its message may not be.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} over {Channel} failed (attempt {Attempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, string notificationId, string channel, int attempts, string error);
}
