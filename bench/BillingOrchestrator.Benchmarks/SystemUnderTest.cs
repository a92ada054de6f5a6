namespace BillingOrchestrator.Benchmarks;

/// <summary>The two bench flows: (a) ten automated activities, (b) three approvals (user tasks / event waits) in sequence.</summary>
internal enum Flow
{
    Auto,
    Approval,
}

/// <summary>A started instance: its id, and for WorkflowCore the key its event waits listen on.</summary>
internal sealed record Started(string Id, string Key);

/// <summary>Something a person can act on now: a user task (id, revision) or an event wait (key).</summary>
internal sealed record Pending(string InstanceId, string Handle, long Revision);

/// <summary>One workflow engine as the scenarios drive it; every system is measured through the same calls.</summary>
internal interface ISystemUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>A caller used by one driver at a time (for the engine: one DI scope, like one API request after another).</summary>
    IDriver CreateDriver();

    Task<int> CountFinishedAsync(Flow flow, CancellationToken cancellationToken);

    /// <summary>Instances of the flow not finished yet. Cheap where the store can answer it without touching finished ones.</summary>
    Task<int> CountUnfinishedAsync(Flow flow, CancellationToken cancellationToken);

    /// <summary>Waits until every instance waits on its <paramref name="round"/>-th approval; returns what to resume.</summary>
    Task<IReadOnlyList<Pending>> WaitAllWaitingAsync(IReadOnlyList<Started> instances, int round, DateTime deadlineUtc, CancellationToken cancellationToken);

    /// <summary>Anything that went wrong inside the system (faulted instances), for the report.</summary>
    Task<string?> HealthAsync(CancellationToken cancellationToken);
}

internal interface IDriver : IAsyncDisposable
{
    Task<Started> StartAsync(Flow flow, CancellationToken cancellationToken);

    /// <summary>The instance's open approval number <paramref name="round"/>, if it is visible yet.</summary>
    Task<Pending?> FindWaitingAsync(Started instance, int round, CancellationToken cancellationToken);

    /// <summary>Completes the task / publishes the event; returns when the system acknowledged it.</summary>
    Task ResumeAsync(Pending pending, CancellationToken cancellationToken);

    Task<bool> IsFinishedAsync(Started instance, CancellationToken cancellationToken);
}
