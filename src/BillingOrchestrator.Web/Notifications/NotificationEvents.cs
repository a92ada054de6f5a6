namespace BillingOrchestrator.Web.Notifications;

/// <summary>What a notification is about.</summary>
public static class NotificationEvents
{
    public const string TaskCreated = "TaskCreated";
    public const string GateWaiting = "GateWaiting";
    public const string Overdue = "Overdue";
    public const string Escalated = "Escalated";
    public const string WorkflowNotify = "WorkflowNotify";
}

public static class NotificationChannels
{
    public const string Email = "Email";
    public const string Webhook = "Webhook";
}

public static class NotificationStatuses
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";

    public static readonly string[] All = [Pending, Sent, Failed];
}
