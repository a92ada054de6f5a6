using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Benchmarks;

/// <summary>Our durable engine, hosted the way the product hosts it, on SQLite or PostgreSQL.</summary>
internal sealed class EngineSystem : ISystemUnderTest
{
    public const string AutoId = "bench-auto-10";
    public const string ApprovalId = "bench-approval-3";
    public const string ApproverRole = "FinanceLead";

    private static readonly WorkflowActor Approver = new("bench@x", new HashSet<string> { ApproverRole });

    private readonly IHost _host;
    private readonly Func<Task>? _cleanup;

    private EngineSystem(string name, IHost host, Func<Task>? cleanup)
    {
        Name = name;
        _host = host;
        _cleanup = cleanup;
    }

    public string Name { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a host on a fresh database: <paramref name="provider"/> "Sqlite" (file in <paramref name="directory"/>) or "Postgres".</summary>
    public static async Task<EngineSystem> StartAsync(string name, string directory, string provider, string? connectionString, int workers, Func<Task>? cleanup, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(directory, "data");
        var workflowsDirectory = Path.Combine(directory, "workflows");
        Directory.CreateDirectory(dataDirectory);
        Directory.CreateDirectory(workflowsDirectory);
        await File.WriteAllTextAsync(Path.Combine(workflowsDirectory, AutoId + ".json"), AutoDefinition(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(workflowsDirectory, ApprovalId + ".json"), ApprovalDefinition(), cancellationToken);

        // Content root in the temp folder: the repository's appsettings.json must not leak into the bench host.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Workflows:Directory"] = workflowsDirectory,
            ["Workflows:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workflows:NodeId"] = "bench",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // EF logs the migrator's probe of the not-yet-existing history table on a fresh PostgreSQL database as an error.
        // Engine failures still show: they are logged by the engine's own categories and surface as exceptions here.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddWorkflowEngine(builder.Configuration);
        builder.Services.AddWorkflowAction<NoopAction>();
        builder.Services.AddWorkflowRuntime();
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new EngineSystem(name, host, cleanup);
    }

    public IDriver CreateDriver() => new Driver(_host.Services.CreateAsyncScope());

    public async Task<int> CountFinishedAsync(Flow flow, CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var page = await store.ListAsync(new InstanceFilter(DefinitionId: flow == Flow.Auto ? AutoId : ApprovalId, Status: WorkflowStatus.Finished, PageSize: 1), cancellationToken);
        return page.Total;
    }

    public async Task<int> CountUnfinishedAsync(Flow flow, CancellationToken cancellationToken)
    {
        // A bare COUNT of status Running: SQLite answers it from the (status, sub_status) index range of running instances.
        // Counting finished ones (or the read API's page query) walks every finished instance, which gets slower as they pile up.
        await using var scope = _host.Services.CreateAsyncScope();
        var definitionId = flow == Flow.Auto ? AutoId : ApprovalId;
        return await scope.ServiceProvider.GetRequiredService<BillingDbContext>().Set<WorkflowInstance>()
            .CountAsync(i => i.Status == WorkflowStatus.Running && i.DefinitionId == definitionId, cancellationToken);
    }

    public async Task<IReadOnlyList<Pending>> WaitAllWaitingAsync(IReadOnlyList<Started> instances, int round, DateTime deadlineUtc, CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<IUserTaskStore>();
        var wanted = instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            // Between rounds nothing else is open, so a count of available tasks tells when the round's tasks all exist.
            var open = (await tasks.ListAsync(new TaskFilter(Status: UserTaskStatus.Available, PageSize: 1), cancellationToken)).Total;
            if (open >= wanted.Count)
            {
                break;
            }

            if (DateTime.UtcNow > deadlineUtc)
            {
                throw new TimeoutException($"round {round}: {open} of {wanted.Count} tasks visible at the deadline");
            }

            await Task.Delay(10, cancellationToken);
        }

        var pending = new List<Pending>(wanted.Count);
        for (var page = 1; ; page++)
        {
            var result = await tasks.ListAsync(new TaskFilter(Status: UserTaskStatus.Available, Page: page, PageSize: 1000), cancellationToken);
            pending.AddRange(result.Items.Where(t => wanted.Contains(t.InstanceId)).Select(t => new Pending(t.InstanceId, t.Id, t.Revision)));
            if (result.Items.Count < 1000)
            {
                break;
            }
        }

        return pending;
    }

    public async Task<string?> HealthAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var faulted = (await store.ListAsync(new InstanceFilter(SubStatus: WorkflowSubStatus.Faulted, PageSize: 1), cancellationToken)).Total;
        var running = (await store.ListAsync(new InstanceFilter(Status: WorkflowStatus.Running, SubStatus: WorkflowSubStatus.Executing, PageSize: 1), cancellationToken)).Total
            + (await store.ListAsync(new InstanceFilter(Status: WorkflowStatus.Running, SubStatus: WorkflowSubStatus.Pending, PageSize: 1), cancellationToken)).Total;
        return faulted == 0 && running == 0 ? null : $"{faulted} faulted instances, {running} instances left Pending/Executing at the end";
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }

    private static string AutoDefinition()
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= 10; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"a{i}", ["type"] = "RunAction", ["name"] = $"Step {i}", ["action"] = NoopAction.ActionName });
            if (i > 1)
            {
                connections.Add(new JsonObject { ["source"] = $"a{i - 1}", ["target"] = $"a{i}" });
            }
        }

        return new JsonObject { ["definitionId"] = AutoId, ["name"] = "Ten automated steps", ["activities"] = activities, ["connections"] = connections }.ToJsonString();
    }

    private static string ApprovalDefinition()
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= 3; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"t{i}", ["type"] = "UserTask", ["name"] = $"Approval {i}", ["role"] = ApproverRole, ["outcomes"] = new JsonArray("Done") });
            if (i > 1)
            {
                connections.Add(new JsonObject { ["source"] = $"t{i - 1}", ["target"] = $"t{i}" });
            }
        }

        return new JsonObject { ["definitionId"] = ApprovalId, ["name"] = "Three approvals", ["activities"] = activities, ["connections"] = connections }.ToJsonString();
    }

    private sealed class Driver(AsyncServiceScope scope) : IDriver
    {
        private readonly WorkflowInstanceService _instances = scope.ServiceProvider.GetRequiredService<WorkflowInstanceService>();
        private readonly UserTaskService _tasks = scope.ServiceProvider.GetRequiredService<UserTaskService>();
        private readonly IUserTaskStore _taskStore = scope.ServiceProvider.GetRequiredService<IUserTaskStore>();
        private readonly IWorkflowInstanceStore _instanceStore = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();

        public async Task<Started> StartAsync(Flow flow, CancellationToken cancellationToken)
        {
            var instance = await _instances.StartAsync(flow == Flow.Auto ? AutoId : ApprovalId, null, null, null, WorkflowActor.System, cancellationToken);
            return new Started(instance.Id, instance.Id);
        }

        public async Task<Pending?> FindWaitingAsync(Started instance, int round, CancellationToken cancellationToken)
        {
            var page = await _taskStore.ListAsync(new TaskFilter(Status: UserTaskStatus.Available, InstanceId: instance.Id, PageSize: 1), cancellationToken);
            return page.Items is [var task, ..] ? new Pending(task.InstanceId, task.Id, task.Revision) : null;
        }

        public Task ResumeAsync(Pending pending, CancellationToken cancellationToken) =>
            _tasks.CompleteAsync(pending.Handle, new CompleteTask(pending.Revision, Guid.NewGuid().ToString("N"), "Done", null, null), Approver, cancellationToken);

        public async Task<bool> IsFinishedAsync(Started instance, CancellationToken cancellationToken) =>
            (await _instanceStore.FindAsync(instance.Id, cancellationToken))?.Status == WorkflowStatus.Finished;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

/// <summary>The automated bench activity: does nothing and completes with Done.</summary>
internal sealed class NoopAction : IWorkflowAction
{
    public const string ActionName = "bench.noop";

    private static readonly ActionResult Done = ActionResult.Done();

    public string Name => ActionName;

    public bool IsPure => true;

    public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken) => ValueTask.FromResult(Done);
}
