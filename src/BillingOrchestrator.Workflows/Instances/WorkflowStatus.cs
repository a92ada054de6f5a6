namespace BillingOrchestrator.Workflows.Instances;

public enum WorkflowStatus
{
    Running,
    Finished,
}

public enum WorkflowSubStatus
{
    /// <summary>Has work scheduled that no host is executing yet.</summary>
    Pending,

    /// <summary>Leased by a host that is executing its scheduled work.</summary>
    Executing,

    /// <summary>Waiting on bookmarks (a person, an event or a timer).</summary>
    Suspended,

    Finished,
    Cancelled,
    Faulted,
}
