namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Something to tell people: <see cref="To"/> holds role names and email addresses; <see cref="Key"/> identifies the
/// occasion (the same key queued twice is stored once).
/// </summary>
public sealed record NotificationMessage(
    string Key,
    string Event,
    IReadOnlyList<string> To,
    string Subject,
    string Body,
    string? InstanceId = null,
    string? TaskId = null);
