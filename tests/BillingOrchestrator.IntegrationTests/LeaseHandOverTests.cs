using System.Data.Common;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// A start or a task completion takes the instance's lease for its own host in the commit it makes anyway, so the worker
/// runs without a lease commit; other hosts still cannot run the instance, a stopping host gives such leases back, and a
/// resume is run ahead of queued starts and of the remaining steps of a running instance.
/// </summary>
public sealed class LeaseHandOverTests
{
    private const string Role = "Approver";

    private const string Blocking = """
    {
      "definitionId": "lease-block",
      "name": "Blocks on its first step",
      "activities": [
        { "id": "a1", "type": "RunAction", "action": "lease.block" },
        { "id": "a2", "type": "RunAction", "action": "lease.step" },
        { "id": "a3", "type": "RunAction", "action": "lease.step" }
      ],
      "connections": [ { "source": "a1", "target": "a2" }, { "source": "a2", "target": "a3" } ]
    }
    """;

    private const string Approval = """
    {
      "definitionId": "lease-approve",
      "name": "Two approvals with a step between",
      "activities": [
        { "id": "t1", "type": "UserTask", "role": "Approver", "outcomes": ["Done"] },
        { "id": "a1", "type": "RunAction", "action": "lease.step" },
        { "id": "t2", "type": "UserTask", "role": "Approver", "outcomes": ["Done"] }
      ],
      "connections": [ { "source": "t1", "target": "a1" }, { "source": "a1", "target": "t2" } ]
    }
    """;

    private static readonly WorkflowActor Approver = new("approver@test", new HashSet<string> { Role });

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task Start_TakesTheLeaseInItsInsert_AnotherHostCannotRunTheInstanceMeanwhile(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = WriteWorkflows();
        var gate = new Gate();
        using var hostA = await StartHostAsync(database, workflows, "node-a", workers: 1, gate);
        var busy = await StartAsync(hostA, "lease-block");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The only worker is busy: whatever lease the queued instance has, its insert took it.
        var queued = await StartAsync(hostA, "lease-block");
        (await LeaseOwnerAsync(database, queued)).ShouldStartWith("node-a/");

        using var hostB = await StartHostAsync(database, workflows, "node-b", workers: 2, new Gate(open: true));
        await using (var scope = hostB.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().RunAsync(queued, CancellationToken.None)).ShouldBeFalse();
        }

        await Task.Delay(300);
        (await ScalarAsync(database, $"SELECT COUNT(*) FROM wf_journal WHERE instance_id = '{queued}' AND event = 'ActivityCompleted'")).ShouldBe(0L);
        (await LeaseOwnerAsync(database, queued)).ShouldStartWith("node-a/");

        gate.Open();
        foreach (var id in new[] { busy, queued })
        {
            await Eventually.ReturnsAsync(() => StatusAsync(database, id), s => s == "Finished", $"instance {id} to finish");
            (await LeaseOwnerAsync(database, id)).ShouldBeNull();
        }

        await hostB.StopAsync();
        await hostA.StopAsync();
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task Stop_GivesBackTheLeasesOfQueuedAndInterruptedInstances_AnotherHostFinishesThemAtOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = WriteWorkflows();
        var gate = new Gate();
        string interrupted, queued;
        using (var hostA = await StartHostAsync(database, workflows, "node-a", workers: 1, gate))
        {
            interrupted = await StartAsync(hostA, "lease-block");
            await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
            queued = await StartAsync(hostA, "lease-block");
            (await LeaseOwnerAsync(database, queued)).ShouldStartWith("node-a/");

            await hostA.StopAsync();
        }

        (await LeaseOwnerAsync(database, interrupted)).ShouldBeNull();
        (await LeaseOwnerAsync(database, queued)).ShouldBeNull();

        // Leases last a minute here: finishing well within that proves host B did not wait for them to expire.
        using var hostB = await StartHostAsync(database, workflows, "node-b", workers: 2, new Gate(open: true));
        foreach (var id in new[] { interrupted, queued })
        {
            await Eventually.ReturnsAsync(() => StatusAsync(database, id), s => s == "Finished", $"instance {id} to finish on host B", TimeSpan.FromSeconds(20));
        }

        (await ScalarAsync(database, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityCompleted'")).ShouldBe(6L);
        await hostB.StopAsync();
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task CompletingATask_TakesTheLeaseInItsCommit_AndTheResumeRunsBeforeQueuedWork(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = WriteWorkflows();
        var gate = new Gate();
        using var host = await StartHostAsync(database, workflows, "node-a", workers: 1, gate);
        var approval = await StartAsync(host, "lease-approve");
        var task = await Eventually.ReturnsAsync(() => OpenTaskAsync(host, approval), t => t is not null, "the first approval task");

        // Suspended on its task, the instance holds no lease (a run the start-up sweep may have added lets go of it).
        await Eventually.ReturnsAsync(() => LeaseOwnerAsync(database, approval), owner => owner is null, "the suspended instance to hold no lease");
        var running = await StartAsync(host, "lease-block");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var queuedStart = await StartAsync(host, "lease-block");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserTaskService>()
                .CompleteAsync(task!.Id, new CompleteTask(task.Revision, "op-1", "Done", null, null), Approver, CancellationToken.None);
        }

        // The only worker is still busy: the completion's own commit took the lease.
        (await LeaseOwnerAsync(database, approval)).ShouldStartWith("node-a/");

        gate.Open();
        await Eventually.ReturnsAsync(() => OpenTaskAsync(host, approval), t => t is not null && t.ActivityId == "t2", "the second approval task");
        foreach (var id in new[] { running, queuedStart })
        {
            await Eventually.ReturnsAsync(() => StatusAsync(database, id), s => s == "Finished", $"instance {id} to finish");
        }

        // The running instance made room after its current step; the resume went ahead of it and of the queued start.
        var resumedStep = await JournalIdAsync(database, approval, "a1");
        resumedStep.ShouldBeLessThan(await JournalIdAsync(database, running, "a2"));
        resumedStep.ShouldBeLessThan(await JournalIdAsync(database, queuedStart, "a1"));
        (await LeaseOwnerAsync(database, approval)).ShouldBeNull("suspended again on its second task");
        await host.StopAsync();
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task Start_AfterAnotherHostPublishedANewVersion_StartsTheNewVersion(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = WriteWorkflows();
        using var hostA = await StartHostAsync(database, workflows, "node-a", workers: 2, new Gate(open: true));
        using var hostB = await StartHostAsync(database, workflows, "node-b", workers: 2, new Gate(open: true));
        (await VersionOfAsync(database, await StartAsync(hostA, "lease-block"))).ShouldBe(1L);

        await using (var scope = hostB.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionService>();
            var changed = JsonNode.Parse(Blocking)!.AsObject();
            changed["name"] = "Blocks on its first step, v2";
            await service.SaveDraftAsync(changed.ToJsonString(), "admin", CancellationToken.None);
            (await service.PublishAsync("lease-block", null, "admin", CancellationToken.None)).Version.ShouldBe(2);
        }

        // Host A last saw v1 as the published version; its start checks that in the insert's transaction and reads again.
        (await VersionOfAsync(database, await StartAsync(hostA, "lease-block"))).ShouldBe(2L);
        await hostB.StopAsync();
        await hostA.StopAsync();
    }

    private static string WriteWorkflows()
    {
        var directory = Directory.CreateTempSubdirectory("bo-lease-").FullName;
        File.WriteAllText(Path.Combine(directory, "lease-block.json"), Blocking);
        File.WriteAllText(Path.Combine(directory, "lease-approve.json"), Approval);
        return directory;
    }

    private static async Task<IHost> StartHostAsync(TestDatabase database, string workflows, string nodeId, int workers, Gate gate)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = workflows, Args = [] });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(database.Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Directory"] = workflows,
            ["Workflows:NodeId"] = nodeId,
            ["Workflows:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // No workers kept for resumes: these tests reason about exactly `workers` workers being busy or free.
            ["Workflows:ResumeWorkers"] = "0",
            ["Workflows:SweepInterval"] = "00:00:00.100",
            ["Workflows:LeaseDuration"] = "00:01:00",
        });
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddWorkflowEngine(builder.Configuration);
        builder.Services.AddSingleton(gate);
        builder.Services.AddWorkflowAction<BlockingAction>();
        builder.Services.AddWorkflowAction<StepAction>();
        builder.Services.AddWorkflowRuntime();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<string> StartAsync(IHost host, string definitionId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<WorkflowInstanceService>()
            .StartAsync(definitionId, null, null, null, WorkflowActor.System, CancellationToken.None);
        return instance.Id;
    }

    private static async Task<UserTask?> OpenTaskAsync(IHost host, string instanceId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IUserTaskStore>()
            .ListAsync(new TaskFilter(Status: UserTaskStatus.Available, InstanceId: instanceId), CancellationToken.None);
        return page.Items.FirstOrDefault();
    }

    private static async Task<string?> LeaseOwnerAsync(TestDatabase database, string instanceId) =>
        await QueryAsync(database, $"SELECT lease_owner FROM wf_instances WHERE id = '{instanceId}'") as string;

    private static async Task<string?> StatusAsync(TestDatabase database, string instanceId) =>
        await QueryAsync(database, $"SELECT status FROM wf_instances WHERE id = '{instanceId}'") as string;

    private static async Task<long> VersionOfAsync(TestDatabase database, string instanceId) =>
        await ScalarAsync(database, $"SELECT definition_version FROM wf_instances WHERE id = '{instanceId}'");

    private static async Task<long> JournalIdAsync(TestDatabase database, string instanceId, string activityId) =>
        await ScalarAsync(database, $"SELECT MIN(id) FROM wf_journal WHERE instance_id = '{instanceId}' AND activity_id = '{activityId}' AND event = 'ActivityCompleted'");

    private static async Task<long> ScalarAsync(TestDatabase database, string sql) =>
        Convert.ToInt64(await QueryAsync(database, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> QueryAsync(TestDatabase database, string sql)
    {
        await using DbConnection connection = database.Kind == TestDatabaseKind.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "billing.db")}")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Holds every <c>lease.block</c> step until opened; tells when the first one is waiting.</summary>
    private sealed class Gate(bool open = false)
    {
        private readonly TaskCompletionSource _open = NewOpen(open);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }

        private static TaskCompletionSource NewOpen(bool open)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                source.SetResult();
            }

            return source;
        }
    }

    private sealed class BlockingAction(Gate gate) : IWorkflowAction
    {
        public string Name => "lease.block";

        public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return ActionResult.Done();
        }
    }

    private sealed class StepAction : IWorkflowAction
    {
        public string Name => "lease.step";

        public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ActionResult.Done());
    }
}
