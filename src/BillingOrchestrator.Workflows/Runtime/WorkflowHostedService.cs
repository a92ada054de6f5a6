using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// The host's background runtime: on start it reclaims this node's stale leases, then workers run dispatched instances
/// while a sweep finds instances needing a host (expired leases after a crash, due timers, delayed retries).
/// </summary>
public sealed partial class WorkflowHostedService(
    IServiceScopeFactory scopes,
    WorkflowDispatcher dispatcher,
    LeaseOwner leaseOwner,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options,
    ILogger<WorkflowHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorkers)
        {
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var released = await scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>().ReleaseLeasesOfNodeAsync(leaseOwner.NodeId, stoppingToken);
            LogRecovered(logger, released, leaseOwner.NodeId);
        }

        dispatcher.Open();
        await using var closing = stoppingToken.Register(dispatcher.Close);
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.Workers))
            .Select(_ => Task.Run(() => dispatcher.WorkAsync(RunOneAsync, stoppingToken), stoppingToken))
            .Concat(Enumerable.Range(0, ResumeWorkers(options.Value))
                .Select(_ => Task.Run(() => dispatcher.WorkResumesAsync(RunOneAsync, stoppingToken), stoppingToken)))
            .ToList();
        workers.Add(SweepAsync(stoppingToken));
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            dispatcher.Close();
            await ReleaseLeasesAsync();
        }
    }

    /// <summary>Workers kept for resumed instances beside the <c>Workflows:Workers</c> that take every lane: as configured, else one per eight, at least one.</summary>
    internal static int ResumeWorkers(WorkflowRuntimeOptions options) => Math.Max(0, options.ResumeWorkers ?? Math.Max(1, options.Workers / 8));

    /// <summary>
    /// On the way out, after the workers stopped: gives back the leases of the instances still queued or stopped mid-run
    /// here (started or resumed on this host, which took their lease) so another host can run them at once rather than
    /// when the leases expire.
    /// </summary>
    private async Task ReleaseLeasesAsync()
    {
        var held = dispatcher.Held();
        if (held.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowWriter>().WriteAsync(
                async (s, ct) =>
                {
                    foreach (var id in held)
                    {
                        await s.ReleaseLeaseAsync(id, leaseOwner.Id, ct);
                    }

                    return true;
                },
                timeout.Token);
            LogReleased(logger, held.Count, leaseOwner.Id);
        }
        catch (Exception ex)
        {
            // The leases run out by themselves (LeaseDuration), or this node's next start releases them.
            LogReleaseFailed(logger, ex, leaseOwner.Id);
        }
    }

    private async Task RunOneAsync(string instanceId, bool resumed, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().RunAsync(instanceId, cancellationToken, urgent: resumed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease was released; the next sweep retries the instance.
            LogWorkerFailed(logger, ex, instanceId);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
                foreach (var id in await store.FindRunnableAsync(time.GetUtcNow(), 500, cancellationToken))
                {
                    dispatcher.Dispatch(id);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow runtime started: released {Count} stale leases of node {NodeId}")]
    private static partial void LogRecovered(ILogger logger, int count, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow instance {InstanceId} failed to run; it will be retried")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow runtime stopped: released the leases of {Count} queued or interrupted instances of {Owner}")]
    private static partial void LogReleased(ILogger logger, int count, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow runtime stopped without releasing the leases of {Owner}; they expire by themselves")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
