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

        var workers = Enumerable.Range(0, Math.Max(1, options.Value.Workers))
            .Select(_ => Task.Run(() => dispatcher.WorkAsync(RunOneAsync, stoppingToken), stoppingToken))
            .ToList();
        workers.Add(SweepAsync(stoppingToken));
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().RunAsync(instanceId, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
