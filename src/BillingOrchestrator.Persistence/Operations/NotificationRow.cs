namespace BillingOrchestrator.Persistence.Operations;

/// <summary>
/// One message to one recipient over one channel, in the durable notification outbox. <see cref="Key"/> is unique, so
/// queueing the same notification twice (a replay, two hosts) stores it once.
/// </summary>
public sealed class NotificationRow
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    /// <summary>What happened: <c>TaskCreated</c>, <c>GateWaiting</c>, <c>Overdue</c>, <c>Escalated</c> or <c>WorkflowNotify</c>.</summary>
    public required string Event { get; init; }

    /// <summary><c>Email</c> or <c>Webhook</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The email address; null for the webhook.</summary>
    public string? Recipient { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public string? InstanceId { get; init; }

    public string? TaskId { get; init; }

    /// <summary><c>Pending</c> (waiting for its next attempt), <c>Sent</c> or <c>Failed</c> (gave up after the last attempt).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker is delivering it until then; another host leaves it alone meanwhile.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }
}
