using BillingOrchestrator.Persistence;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>A host with just the persistence layer (the engine's group-commit writer and stores), and a way to hold its writer.</summary>
internal static class WriterHost
{
    public static async Task<IHost> StartAsync(TestDatabase database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(database.Settings());
        builder.Services.AddPersistence(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Holds the writer's loop inside a unit of work until <c>Hold</c> is set, so that everything queued meanwhile lands in
    /// the next group commit; <c>Holding</c> completes once that unit has committed.
    /// </summary>
    public static async Task<(TaskCompletionSource Hold, Task<bool> Holding)> HoldAsync(IWorkflowWriter writer)
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = writer.WriteAsync(
            async (_, _) =>
            {
                entered.SetResult();
                await hold.Task;
                return true;
            },
            CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (hold, holding);
    }
}
