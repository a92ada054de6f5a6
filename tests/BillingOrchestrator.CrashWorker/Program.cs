using BillingOrchestrator.CrashWorker;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A child process for the crash test: runs (and re-runs after being killed) a fixed set of instances on one database
// until all have finished, then prints ALL-FINISHED. Usage: CrashWorker <dataDirectory> <workflowsDirectory> <instances> [<postgresConnection>]
// Several workers may share one database: CRASH_NODE_ID names this one (default crash-worker), CRASH_START=false
// leaves starting the instances to another worker.
var (dataDirectory, workflows, count) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["DataDirectory"] = dataDirectory,
    ["Database:Provider"] = args.Length > 3 ? "Postgres" : "Sqlite",
    ["Database:ConnectionString"] = args.Length > 3 ? args[3] : "",
    ["Workflows:Directory"] = workflows,
    ["Workflows:NodeId"] = Environment.GetEnvironmentVariable("CRASH_NODE_ID") ?? "crash-worker",
    ["Workflows:Workers"] = "8",
    ["Workflows:SweepInterval"] = "00:00:00.050",
});
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddWorkflowEngine(builder.Configuration);
builder.Services.AddWorkflowAction<ExecutionRecordingAction>();
builder.Services.AddWorkflowRuntime();
using var host = builder.Build();
await host.StartAsync();

if (Environment.GetEnvironmentVariable("CRASH_START") != "false")
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
    var existing = (await db.Set<WorkflowInstance>().Select(i => i.CorrelationId).ToListAsync()).ToHashSet();
    var instances = scope.ServiceProvider.GetRequiredService<WorkflowInstanceService>();
    for (var i = 0; i < count; i++)
    {
        if (!existing.Contains($"crash-{i}"))
        {
            await instances.StartAsync("crash-flow", null, $"crash-{i}", null, WorkflowActor.System, CancellationToken.None);
        }
    }
}

Console.WriteLine("STARTED");
while (true)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
    // A worker that does not start the instances waits for all of them to exist before it can call them finished.
    var total = await db.Set<WorkflowInstance>().CountAsync();
    var running = await db.Set<WorkflowInstance>().CountAsync(i => i.Status == WorkflowStatus.Running);
    if (total >= count && running == 0)
    {
        Console.WriteLine("ALL-FINISHED");
        break;
    }

    await Task.Delay(50);
}

await host.StopAsync();
