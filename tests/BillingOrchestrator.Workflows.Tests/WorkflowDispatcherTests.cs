using System.Collections.Concurrent;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Tests;

public sealed class WorkflowDispatcherTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static WorkflowDispatcher NewDispatcher()
    {
        var options = Options.Create(new WorkflowRuntimeOptions { NodeId = "test-node", LeaseDuration = TimeSpan.FromSeconds(30) });
        return new WorkflowDispatcher(new LeaseOwner(options), options);
    }

    private static WorkflowInstance Instance(string id, long revision) => new()
    {
        Id = id,
        DefinitionId = "d",
        DefinitionVersion = 1,
        Status = WorkflowStatus.Running,
        Revision = revision,
    };

    [Fact]
    public async Task Resumes_RunBeforeStartsQueuedEarlier_AndTheirRunsAreToldTheyWereResumed()
    {
        var dispatcher = NewDispatcher();
        dispatcher.Dispatch("start-1");
        dispatcher.Dispatch("start-2");
        dispatcher.Dispatch("resumed", priority: true);
        var order = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        var worker = dispatcher.WorkAsync((id, resumed, _) => { order.Enqueue($"{id}:{(resumed ? "urgent" : "bulk")}"); return Task.CompletedTask; }, stop.Token);
        await WaitUntilAsync(() => order.Count == 3);
        await stop.CancelAsync();

        order.ShouldBe(["resumed:urgent", "start-1:bulk", "start-2:bulk"]);
        await Should.ThrowAsync<OperationCanceledException>(worker);
    }

    [Fact]
    public async Task AResumeWorker_TakesAResumeWhileEveryOtherWorkerIsBusy_AndLeavesStartsAlone()
    {
        var dispatcher = NewDispatcher();
        var ran = new ConcurrentQueue<string>();
        var bulkHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        async Task Run(string id, bool resumed, CancellationToken ct)
        {
            ran.Enqueue($"{id}:{(resumed ? "urgent" : "bulk")}");
            if (id == "bulk")
            {
                bulkHeld.SetResult();
                await release.Task;
            }
        }

        dispatcher.Dispatch("bulk");
        var worker = dispatcher.WorkAsync(Run, stop.Token);
        await bulkHeld.Task.WaitAsync(Wait);
        var resumeWorker = dispatcher.WorkResumesAsync(Run, stop.Token);
        dispatcher.Dispatch("start");
        dispatcher.Dispatch("resumed", priority: true);
        await WaitUntilAsync(() => ran.Count == 2);
        await Task.Delay(100);

        // The general worker is still inside "bulk": the resume ran on the resume worker, and "start" still waits.
        ran.ShouldBe(["bulk:bulk", "resumed:urgent"]);
        release.SetResult();
        await WaitUntilAsync(() => ran.Count == 3);
        await stop.CancelAsync();

        ran.ShouldBe(["bulk:bulk", "resumed:urgent", "start:bulk"]);
        await Should.ThrowAsync<OperationCanceledException>(worker);
        await Should.ThrowAsync<OperationCanceledException>(resumeWorker);
    }

    [Fact]
    public async Task DispatchedWhileQueuedOrRunning_RunsOnceMore_NeverOnTwoWorkersAtOnce()
    {
        var dispatcher = NewDispatcher();
        var runs = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        var firstRunHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        async Task Run(string id, bool resumed, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            if (Interlocked.Increment(ref runs) == 1)
            {
                firstRunHeld.SetResult();
                await release.Task;
            }

            Interlocked.Decrement(ref concurrent);
        }

        // Queued in the starts lane, then again as a resume: two queue entries, one run.
        dispatcher.Dispatch("a");
        dispatcher.Dispatch("a", priority: true);
        var workers = new[] { dispatcher.WorkAsync(Run, stop.Token), dispatcher.WorkAsync(Run, stop.Token) };
        await firstRunHeld.Task.WaitAsync(Wait);

        // Dispatched three more times while it runs: it runs exactly once more, after this run.
        dispatcher.Dispatch("a");
        dispatcher.Dispatch("a", priority: true);
        dispatcher.Dispatch("a");
        release.SetResult();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2 && dispatcher.InFlight == 0);
        await Task.Delay(100);
        await stop.CancelAsync();

        runs.ShouldBe(2);
        maxConcurrent.ShouldBe(1);
        foreach (var worker in workers)
        {
            await Should.ThrowAsync<OperationCanceledException>(worker);
        }
    }

    [Fact]
    public async Task Yield_PutsTheInstanceBackBehindWaitingResumes_AheadOfStarts_WithItsLastCommitHandedOver()
    {
        var dispatcher = NewDispatcher();
        var order = new ConcurrentQueue<string>();
        var longRuns = 0;
        using var stop = new CancellationTokenSource();
        Task Run(string id, bool resumed, CancellationToken ct)
        {
            order.Enqueue(id);
            if (id == "long" && ++longRuns == 1)
            {
                // A resume arrives while this instance runs; between two steps the run makes room for it.
                dispatcher.Dispatch("resumed", priority: true);
                dispatcher.ResumeWaiting.ShouldBeTrue();
                dispatcher.Yield(Instance("long", revision: 7));
            }

            return Task.CompletedTask;
        }

        dispatcher.Dispatch("long");
        dispatcher.Dispatch("start");
        var worker = dispatcher.WorkAsync(Run, stop.Token);
        await WaitUntilAsync(() => order.Count == 4);
        await stop.CancelAsync();

        order.ShouldBe(["long", "resumed", "long", "start"]);
        await Should.ThrowAsync<OperationCanceledException>(worker);
    }

    [Fact]
    public void HandOver_KeepsTheNewestCommit_AndARunDropsWhatItAlreadySaw()
    {
        var dispatcher = NewDispatcher();
        dispatcher.LeaseFor(DateTimeOffset.UtcNow).ShouldBeNull("no lease is taken while no worker runs");
        dispatcher.Open();
        var lease = dispatcher.LeaseFor(DateTimeOffset.UtcNow);
        lease.ShouldNotBeNull();
        lease.Value.Owner.ShouldStartWith("test-node/");

        dispatcher.DispatchLeased(Instance("x", revision: 3), priority: true);
        dispatcher.DispatchLeased(Instance("x", revision: 2), priority: true);
        dispatcher.TakeHandedOver("x")!.Revision.ShouldBe(3);
        dispatcher.TakeHandedOver("x").ShouldBeNull();

        dispatcher.DispatchLeased(Instance("y", revision: 4), priority: false);
        dispatcher.DropHandedOver("y", revision: 4);
        dispatcher.TakeHandedOver("y").ShouldBeNull("a run that saw revision 4 makes that hand-over stale");

        dispatcher.DispatchLeased(Instance("z", revision: 5), priority: false);
        dispatcher.DropHandedOver("z", revision: 4);
        dispatcher.TakeHandedOver("z")!.Revision.ShouldBe(5);

        dispatcher.Close();
        dispatcher.LeaseFor(DateTimeOffset.UtcNow).ShouldBeNull();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the dispatcher did not get there in time");
            }

            await Task.Delay(5);
        }
    }
}
