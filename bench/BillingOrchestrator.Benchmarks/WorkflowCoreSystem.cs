using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WfStatus = WorkflowCore.Models.WorkflowStatus;

namespace BillingOrchestrator.Benchmarks;

/// <summary>
/// WorkflowCore 3.22.0 with its defaults (<c>AddWorkflow()</c>: in-memory persistence, single-node queue and locks).
/// Flow (a): ten no-op steps. Flow (b): three <c>WaitFor</c> event waits in sequence, resumed by <c>PublishEvent</c>.
/// Nothing is durable: a process exit loses every instance.
/// </summary>
internal sealed class WorkflowCoreSystem : ISystemUnderTest
{
    public const string EventName = "approve";

    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly IPersistenceProvider _store;

    private WorkflowCoreSystem(ServiceProvider services)
    {
        _services = services;
        _host = services.GetRequiredService<IWorkflowHost>();
        _store = services.GetRequiredService<IPersistenceProvider>();
    }

    public string Name => "WorkflowCore";

    public static async Task<WorkflowCoreSystem> StartAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        var provider = services.BuildServiceProvider();
        var system = new WorkflowCoreSystem(provider);
        system._host.RegisterWorkflow<AutoWorkflow, BenchData>();
        system._host.RegisterWorkflow<ApprovalWorkflow, BenchData>();
        await system._host.StartAsync(cancellationToken);
        return system;
    }

    public IDriver CreateDriver() => new Driver(this);

    // GetWorkflowInstances(status, ...) is marked obsolete in favour of the search index, which is a no-op
    // (NullSearchIndex) in WorkflowCore's default set-up; it is the in-memory store's only way to list instances.
#pragma warning disable CS0612
    public async Task<int> CountFinishedAsync(Flow flow, CancellationToken cancellationToken)
    {
        var done = await _store.GetWorkflowInstances(WfStatus.Complete, flow == Flow.Auto ? AutoWorkflow.Id_ : ApprovalWorkflow.Id_, null, null, 0, int.MaxValue);
        return done.Count();
    }

    public async Task<int> CountUnfinishedAsync(Flow flow, CancellationToken cancellationToken)
    {
        var id = flow == Flow.Auto ? AutoWorkflow.Id_ : ApprovalWorkflow.Id_;
        var runnable = await _store.GetWorkflowInstances(WfStatus.Runnable, id, null, null, 0, int.MaxValue);
        var suspended = await _store.GetWorkflowInstances(WfStatus.Suspended, id, null, null, 0, int.MaxValue);
        return runnable.Count() + suspended.Count();
    }

    public async Task<IReadOnlyList<Pending>> WaitAllWaitingAsync(IReadOnlyList<Started> instances, int round, DateTime deadlineUtc, CancellationToken cancellationToken)
    {
        var remaining = instances.ToList();
        var pending = new List<Pending>(instances.Count);
        while (true)
        {
            var still = new List<Started>();
            foreach (var instance in remaining)
            {
                var key = EventKey(instance.Key, round);
                if (await _store.GetFirstOpenSubscription(EventName, key, DateTime.MaxValue, cancellationToken) is not null)
                {
                    pending.Add(new Pending(instance.Id, key, 0));
                }
                else
                {
                    still.Add(instance);
                }
            }

            remaining = still;
            if (remaining.Count == 0)
            {
                return pending;
            }

            if (DateTime.UtcNow > deadlineUtc)
            {
                throw new TimeoutException($"round {round}: {instances.Count - remaining.Count} of {instances.Count} event waits visible at the deadline");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public async Task<string?> HealthAsync(CancellationToken cancellationToken)
    {
        var terminated = (await _store.GetWorkflowInstances(WfStatus.Terminated, null, null, null, 0, int.MaxValue)).Count();
        var runnable = (await _store.GetWorkflowInstances(WfStatus.Runnable, AutoWorkflow.Id_, null, null, 0, int.MaxValue)).Count();
        return terminated == 0 && runnable == 0 ? null : $"{terminated} terminated instances, {runnable} flow (a) instances still runnable at the end";
    }
#pragma warning restore CS0612

    public static string EventKey(string key, int round) => $"{key}:{round}";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    private sealed class Driver(WorkflowCoreSystem system) : IDriver
    {
        public async Task<Started> StartAsync(Flow flow, CancellationToken cancellationToken)
        {
            var key = Guid.NewGuid().ToString("N");
            var id = await system._host.StartWorkflow(flow == Flow.Auto ? AutoWorkflow.Id_ : ApprovalWorkflow.Id_, new BenchData { Key = key });
            return new Started(id, key);
        }

        public async Task<Pending?> FindWaitingAsync(Started instance, int round, CancellationToken cancellationToken)
        {
            var key = EventKey(instance.Key, round);
            return await system._store.GetFirstOpenSubscription(EventName, key, DateTime.MaxValue, cancellationToken) is null ? null : new Pending(instance.Id, key, 0);
        }

        public Task ResumeAsync(Pending pending, CancellationToken cancellationToken) => system._host.PublishEvent(EventName, pending.Handle, "Done");

        public async Task<bool> IsFinishedAsync(Started instance, CancellationToken cancellationToken) =>
            (await system._store.GetWorkflowInstance(instance.Id, cancellationToken)).Status == WfStatus.Complete;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public sealed class BenchData
{
    public string Key { get; set; } = "";
}

public sealed class NoopStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}

public sealed class AutoWorkflow : IWorkflow<BenchData>
{
    public const string Id_ = "bench-auto-10";

    public string Id => Id_;

    public int Version => 1;

    public void Build(IWorkflowBuilder<BenchData> builder) =>
        builder.StartWith<NoopStep>()
            .Then<NoopStep>().Then<NoopStep>().Then<NoopStep>().Then<NoopStep>().Then<NoopStep>()
            .Then<NoopStep>().Then<NoopStep>().Then<NoopStep>().Then<NoopStep>();
}

/// <summary>A no-op start step (WorkflowCore's builder must start with a step), then three event waits.</summary>
public sealed class ApprovalWorkflow : IWorkflow<BenchData>
{
    public const string Id_ = "bench-approval-3";

    public string Id => Id_;

    public int Version => 1;

    public void Build(IWorkflowBuilder<BenchData> builder) =>
        builder.StartWith<NoopStep>()
            .WaitFor(WorkflowCoreSystem.EventName, d => d.Key + ":1")
            .WaitFor(WorkflowCoreSystem.EventName, d => d.Key + ":2")
            .WaitFor(WorkflowCoreSystem.EventName, d => d.Key + ":3");
}
