namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Runtime settings, bound from the <c>Workflows</c> configuration section.</summary>
public sealed class WorkflowRuntimeOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of definition JSON files; empty means the <c>workflows</c> folder beside the host.</summary>
    public string? Directory { get; set; }

    /// <summary>This host's stable name. On start-up the host takes back leases its previous run left behind.</summary>
    public string? NodeId { get; set; }

    /// <summary>How many instances one host executes at once.</summary>
    public int Workers { get; set; } = 16;

    /// <summary>Workers beside <see cref="Workers"/> that run only resumed instances; empty means one per eight workers, at least one.</summary>
    public int? ResumeWorkers { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the host looks for instances that need running (expired leases, due timers and retries).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Start the background workers. Off in tools that only read.</summary>
    public bool RunWorkers { get; set; } = true;
}
