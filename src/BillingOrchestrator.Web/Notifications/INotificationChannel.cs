using BillingOrchestrator.Persistence.Operations;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>Delivers one notification over one channel; throws when it could not (the worker retries with backoff).</summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(NotificationRow notification, CancellationToken cancellationToken);
}

/// <summary>A delivery failed for a reason worth showing as is (no secrets in the message).</summary>
public sealed class NotificationDeliveryException(string message) : Exception(message);
