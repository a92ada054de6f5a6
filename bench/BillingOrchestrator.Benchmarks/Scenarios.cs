using System.Collections.Concurrent;
using System.Diagnostics;

namespace BillingOrchestrator.Benchmarks;

/// <summary>
/// The measured phases, identical for every system. Per repetition and system, on one fresh host:
/// warm-up, idle resume latency, flow (a) throughput, flow (b) throughput, resume latency under a steady flow (a) load at
/// half the rate just measured, resume latency under a burst of flow (a) starts.
/// </summary>
internal sealed class Scenarios(Settings settings, Results results)
{
    /// <summary>How often throughput phases check for completion (bounds their end-time error).</summary>
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(10);

    public async Task RunAsync(ISystemUnderTest system, CancellationToken cancellationToken)
    {
        var name = system.Name;

        // Warm-up on the same host: JIT, caches, connection pools. Not recorded.
        await AutoAsync(system, settings.Warmup, cancellationToken);
        await ApprovalAsync(system, Math.Max(1, settings.Warmup / 2), cancellationToken);
        await LatencyAsync(system, 5, pollDelay: null, stop: null, cancellationToken);
        if (settings.FlowAOnly)
        {
            await Phase(name, "flow (a)", async () => RecordThroughput(name, "a", await AutoAsync(system, settings.AutoInstances, cancellationToken), perInstance: 10));
            return;
        }

        await Phase(name, "idle latency", async () =>
        {
            var latency = await LatencyAsync(system, settings.LatencyInstances, pollDelay: null, stop: null, cancellationToken);
            results.Add(name, "idle.resume.p50", Stats.Percentile(latency.Resume, 50));
            results.Add(name, "idle.resume.p99", Stats.Percentile(latency.Resume, 99));
            results.Add(name, "idle.resume.max", latency.Resume.Max());
            results.Add(name, "idle.ack.p50", Stats.Percentile(latency.Ack, 50));
            results.Add(name, "idle.ack.p99", Stats.Percentile(latency.Ack, 99));
            results.Add(name, "idle.poll.p50", Stats.Percentile(latency.Poll, 50));
            results.Add(name, "idle.samples", latency.Resume.Count);
        });

        double? autoRate = null;
        await Phase(name, "flow (a)", async () =>
        {
            var run = await AutoAsync(system, settings.AutoInstances, cancellationToken);
            RecordThroughput(name, "a", run, perInstance: 10);
            autoRate = run.Finished / run.Elapsed.TotalSeconds;
        });

        await Phase(name, "flow (b)", async () =>
        {
            var run = await ApprovalAsync(system, settings.ApprovalInstances, cancellationToken);
            RecordThroughput(name, "b", run.Throughput, perInstance: 3);
            results.Add(name, "b.ack.p50", Stats.Percentile(run.Ack, 50));
            results.Add(name, "b.ack.p99", Stats.Percentile(run.Ack, 99));
        });

        if (autoRate is { } rate)
        {
            await Phase(name, "latency under steady load", async () =>
            {
                // Flow (a) started at a steady half of the rate this host just sustained, one approval instance at a time beside it.
                using var loadDone = new CancellationTokenSource();
                var load = Task.Run(
                    async () =>
                    {
                        try
                        {
                            return await PacedAutoAsync(system, rate / 2, settings.SteadyLoadDuration, cancellationToken);
                        }
                        finally
                        {
                            await loadDone.CancelAsync();
                        }
                    },
                    cancellationToken);
                var latency = await LatencyAsync(system, int.MaxValue, pollDelay: TimeSpan.FromMilliseconds(1), stop: loadDone.Token, cancellationToken);
                var started = await load;
                results.Add(name, "steady.activities_per_s", started * 10 / settings.SteadyLoadDuration.TotalSeconds);
                RecordLatency(name, "steady", latency);
            });
        }

        await Phase(name, "latency under a burst", async () =>
        {
            // A burst of flow (a) instances started at once (a quarter of the flow (a) count), one approval instance at a time beside it.
            using var loadDone = new CancellationTokenSource();
            var load = Task.Run(
                async () =>
                {
                    try
                    {
                        return await AutoAsync(system, Math.Max(1, settings.AutoInstances / 4), cancellationToken);
                    }
                    finally
                    {
                        await loadDone.CancelAsync();
                    }
                },
                cancellationToken);
            var latency = await LatencyAsync(system, int.MaxValue, pollDelay: TimeSpan.FromMilliseconds(1), stop: loadDone.Token, cancellationToken);
            var run = await load;
            RecordThroughput(name, "burst", run, perInstance: 10);
            results.Add(name, "burst.size", run.Requested);
            RecordLatency(name, "burst", latency);
        });

        if (await system.HealthAsync(cancellationToken) is { } problem)
        {
            results.Note($"{name}: {problem}");
        }
    }

    /// <summary>
    /// Once per process before the first measured run: enough work on a throwaway host of each system that the hot code
    /// is JIT-compiled at its final tier, so the first system measured is not penalised.
    /// </summary>
    public async Task WarmupProcessAsync(ISystemUnderTest system, int autoInstances, int approvalInstances, CancellationToken cancellationToken)
    {
        await AutoAsync(system, autoInstances, cancellationToken);
        await ApprovalAsync(system, approvalInstances, cancellationToken);
        await LatencyAsync(system, 20, pollDelay: null, stop: null, cancellationToken);
    }

    private void RecordLatency(string name, string phase, Latency latency)
    {
        results.Add(name, $"{phase}.resume.p50", Stats.Percentile(latency.Resume, 50));
        results.Add(name, $"{phase}.resume.p99", Stats.Percentile(latency.Resume, 99));
        results.Add(name, $"{phase}.ack.p50", Stats.Percentile(latency.Ack, 50));
        results.Add(name, $"{phase}.ack.p99", Stats.Percentile(latency.Ack, 99));
        results.Add(name, $"{phase}.samples", latency.Resume.Count);
    }

    /// <summary>
    /// Starts flow (a) instances at <paramref name="perSecond"/> for <paramref name="duration"/> (open loop: a start that
    /// falls behind is issued at once), then waits for them to finish. Returns how many were started.
    /// </summary>
    private async Task<int> PacedAutoAsync(ISystemUnderTest system, double perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var before = await system.CountFinishedAsync(Flow.Auto, cancellationToken);
        var count = Math.Max(1, (int)(perSecond * duration.TotalSeconds));
        var origin = Stopwatch.GetTimestamp();
        const int Starters = 4;
        await Task.WhenAll(Enumerable.Range(0, Starters).Select(async j =>
        {
            await using var driver = system.CreateDriver();
            for (var i = j; i < count; i += Starters)
            {
                var wait = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(origin);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await driver.StartAsync(Flow.Auto, cancellationToken);
            }
        }));
        var (finished, timedOut) = await WaitFinishedAsync(system, Flow.Auto, before + count, cancellationToken);
        if (timedOut)
        {
            results.Note($"{system.Name} steady load: only {finished - before} of {count} instances finished before the deadline");
        }

        return count;
    }

    private void RecordThroughput(string name, string flow, Throughput run, int perInstance)
    {
        var seconds = run.Elapsed.TotalSeconds;
        results.Add(name, $"{flow}.instances_per_s", run.Finished / seconds);
        results.Add(name, $"{flow}.activities_per_s", run.Finished * perInstance / seconds);
        results.Add(name, $"{flow}.elapsed_s", seconds);
        results.Add(name, $"{flow}.cpu_ms_per_instance", run.Cpu.TotalMilliseconds / Math.Max(1, run.Finished));
        if (run.TimedOut)
        {
            results.Note($"{name} {flow}: timed out after {seconds:F0} s with {run.Finished} of {run.Requested} instances finished; the rate counts finished ones");
        }
    }

    private async Task Phase(string system, string phase, Func<Task> body)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await body();
            Console.Error.WriteLine($"  {system}: {phase} done in {watch.Elapsed.TotalSeconds:F1} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            results.Note($"{system} {phase}: failed: {ex.GetType().Name}: {ex.Message}");
            Console.Error.WriteLine($"  {system}: {phase} FAILED: {ex}");
        }
    }

    /// <summary>Starts <paramref name="count"/> flow (a) instances from all drivers at once; done when all have finished.</summary>
    private async Task<Throughput> AutoAsync(ISystemUnderTest system, int count, CancellationToken cancellationToken)
    {
        var before = await system.CountFinishedAsync(Flow.Auto, cancellationToken);
        var measure = Measure.Start();
        await StartManyAsync(system, Flow.Auto, count, cancellationToken);
        var (finished, timedOut, elapsed, cpu) = await WaitFinishedAsync(system, Flow.Auto, before + count, measure, cancellationToken);
        return new Throughput(count, finished - before, elapsed, cpu, timedOut);
    }

    /// <summary>
    /// Starts <paramref name="count"/> approval instances, then three rounds: wait until every instance's next approval is
    /// visible, resume them all from all drivers at once. Done when all instances have finished.
    /// </summary>
    private async Task<(Throughput Throughput, List<double> Ack)> ApprovalAsync(ISystemUnderTest system, int count, CancellationToken cancellationToken)
    {
        var before = await system.CountFinishedAsync(Flow.Approval, cancellationToken);
        var deadline = DateTime.UtcNow + settings.ScenarioTimeout;
        var measure = Measure.Start();
        var started = await StartManyAsync(system, Flow.Approval, count, cancellationToken);
        var ack = new ConcurrentBag<double>();
        for (var round = 1; round <= 3; round++)
        {
            var pending = await system.WaitAllWaitingAsync(started, round, deadline, cancellationToken);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, settings.Drivers).Select(async _ =>
            {
                await using var driver = system.CreateDriver();
                int i;
                while ((i = Interlocked.Increment(ref next)) < pending.Count)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await driver.ResumeAsync(pending[i], cancellationToken);
                    ack.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
                }
            }));
        }

        var (finished, timedOut, elapsed, cpu) = await WaitFinishedAsync(system, Flow.Approval, before + count, measure, cancellationToken);
        return (new Throughput(count, finished - before, elapsed, cpu, timedOut), [.. ack]);
    }

    private async Task<IReadOnlyList<Started>> StartManyAsync(ISystemUnderTest system, Flow flow, int count, CancellationToken cancellationToken)
    {
        var started = new ConcurrentBag<Started>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(settings.Drivers, count)).Select(async _ =>
        {
            await using var driver = system.CreateDriver();
            while (Interlocked.Increment(ref next) < count)
            {
                started.Add(await driver.StartAsync(flow, cancellationToken));
            }
        }));
        return [.. started];
    }

    /// <summary>
    /// Waits until no instance of <paramref name="flow"/> is left unfinished (checked every <see cref="ProgressPoll"/>;
    /// every start has been acknowledged before this is called), then counts the finished ones against <paramref name="target"/>.
    /// </summary>
    private async Task<(int Finished, bool TimedOut)> WaitFinishedAsync(ISystemUnderTest system, Flow flow, int target, CancellationToken cancellationToken)
    {
        var (finished, timedOut, _, _) = await WaitFinishedAsync(system, flow, target, Measure.Start(), cancellationToken);
        return (finished, timedOut);
    }

    /// <summary>As above; also returns <paramref name="measure"/>'s wall and CPU time at the check that found the flow done.</summary>
    private async Task<(int Finished, bool TimedOut, TimeSpan Elapsed, TimeSpan Cpu)> WaitFinishedAsync(ISystemUnderTest system, Flow flow, int target, Measure measure, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.ScenarioTimeout;
        while (true)
        {
            var done = await system.CountUnfinishedAsync(flow, cancellationToken) == 0;
            var (elapsed, cpu) = (measure.Elapsed, measure.Cpu);
            if (done || DateTime.UtcNow > deadline)
            {
                var finished = await system.CountFinishedAsync(flow, cancellationToken);
                return (finished, !done || finished < target, elapsed, cpu);
            }

            await Task.Delay(ProgressPoll, cancellationToken);
        }
    }

    /// <summary>
    /// Drives approval instances one at a time. Resume latency: from calling complete (publish) until the instance's next
    /// approval is visible through the read API, or, after the third, until the instance reads as finished. Ack: until
    /// the complete call returned. <paramref name="pollDelay"/> null polls back to back.
    /// </summary>
    private async Task<Latency> LatencyAsync(ISystemUnderTest system, int instances, TimeSpan? pollDelay, CancellationToken? stop, CancellationToken cancellationToken)
    {
        var latency = new Latency([], [], []);
        var deadline = DateTime.UtcNow + settings.ScenarioTimeout;
        await using var driver = system.CreateDriver();
        for (var n = 0; n < instances && stop?.IsCancellationRequested != true; n++)
        {
            var instance = await driver.StartAsync(Flow.Approval, cancellationToken);
            var pending = await PollAsync(() => driver.FindWaitingAsync(instance, 1, cancellationToken), p => p is not null, latency.Poll, pollDelay, deadline, cancellationToken);
            for (var round = 1; round <= 3; round++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await driver.ResumeAsync(pending!, cancellationToken);
                var acked = Stopwatch.GetTimestamp();
                if (round < 3)
                {
                    var r = round + 1;
                    pending = await PollAsync(() => driver.FindWaitingAsync(instance, r, cancellationToken), p => p is not null, latency.Poll, pollDelay, deadline, cancellationToken);
                }
                else
                {
                    await PollAsync(() => driver.IsFinishedAsync(instance, cancellationToken), f => f, latency.Poll, pollDelay, deadline, cancellationToken);
                }

                var visible = Stopwatch.GetTimestamp();
                latency.Ack.Add(Stats.Ms(t0, acked));
                latency.Resume.Add(Stats.Ms(t0, visible));
            }
        }

        return latency;
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, List<double> pollCosts, TimeSpan? delay, DateTime deadlineUtc, CancellationToken cancellationToken)
    {
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            var value = await read();
            pollCosts.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadlineUtc)
            {
                throw new TimeoutException("an instance did not advance before the scenario deadline");
            }

            if (delay is { } d)
            {
                await Task.Delay(d, cancellationToken);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    private sealed record Throughput(int Requested, int Finished, TimeSpan Elapsed, TimeSpan Cpu, bool TimedOut);

    private sealed record Latency(List<double> Resume, List<double> Ack, List<double> Poll);
}
