using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Queues a message as outbox rows on the caller's <see cref="BillingDbContext"/>: one email per recipient address (roles
/// resolved through <c>Notifications:Recipients</c>) and one webhook post. Nothing is sent here; the caller's own
/// transaction commits the rows with the change they announce, and the worker delivers them.
/// </summary>
public sealed class NotificationOutbox(BillingDbContext db, IOptions<NotificationOptions> options, TimeProvider time)
{
    public int Add(NotificationMessage message)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var added = 0;
        if (settings.Smtp.Enabled)
        {
            foreach (var address in Addresses(message.To, settings))
            {
                db.Add(Row(message, NotificationChannels.Email, address, now));
                added++;
            }
        }

        if (settings.Webhook.Enabled)
        {
            db.Add(Row(message, NotificationChannels.Webhook, null, now));
            added++;
        }

        return added;
    }

    /// <summary>Addresses as given; roles through the recipients map. Unknown roles reach nobody by email (the webhook still posts).</summary>
    public static IReadOnlyList<string> Addresses(IEnumerable<string> to, NotificationOptions settings) =>
        to.Where(t => !string.IsNullOrWhiteSpace(t))
            .SelectMany(t => t.Contains('@', StringComparison.Ordinal) ? [t.Trim()] : settings.Recipients.GetValueOrDefault(t.Trim()) ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static NotificationRow Row(NotificationMessage message, string channel, string? recipient, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        Key = $"{message.Key}:{channel}:{recipient?.ToLowerInvariant()}",
        Event = message.Event,
        Channel = channel,
        Recipient = recipient,
        Subject = message.Subject,
        Body = message.Body,
        InstanceId = message.InstanceId,
        TaskId = message.TaskId,
        Status = NotificationStatuses.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
