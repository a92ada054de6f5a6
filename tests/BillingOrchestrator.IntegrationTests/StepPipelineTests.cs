using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Steps queued before the earlier ones are acknowledged: steps that share a group commit are written as one unit
/// (journal entries in order, the instance row once), and a unit never lands on top of an earlier step that was
/// refused, even when its expected revision happens to match what someone else wrote.
/// </summary>
public sealed class StepPipelineTests
{
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task StepsSharingACommitAreWrittenInOrder_WithTheStateAfterTheLast(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var host = await WriterHost.StartAsync(database);
        var writer = host.Services.GetRequiredService<IWorkflowWriter>();
        var stored = await InsertInstanceAsync(writer);

        // Hold the writer so that all three steps join one unit before it is written.
        var (hold, holding) = await WriterHost.HoldAsync(writer);
        var pipeline = new StepPipeline(writer, urgent: false, CancellationToken.None);
        var a = Step(stored, "a");
        var b = Step(a.Instance, "b");
        var c = Step(b.Instance, "c");
        pipeline.Add(a);
        pipeline.Add(b);
        pipeline.Add(c);
        pipeline.Pending.ShouldBe(3);
        hold.SetResult();
        await holding;

        var (last, all) = await pipeline.DrainAsync();
        all.ShouldBeTrue();
        last.ShouldBeSameAs(c);
        pipeline.IsEmpty.ShouldBeTrue();

        var (revision, variable, journal) = await ReadAsync(host, stored.Id);
        revision.ShouldBe(stored.Revision + 3);
        variable.ShouldBe("c");
        journal.ShouldBe(["a", "b", "c"]);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task AUnitAfterARefusedStepWritesNothing_EvenWhenItsExpectedRevisionMatches(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var host = await WriterHost.StartAsync(database);
        var writer = host.Services.GetRequiredService<IWorkflowWriter>();
        var stored = await InsertInstanceAsync(writer);

        // Someone else (an alteration, say) commits revision 2 just ahead of step a, which expects revision 1.
        var (hold, holding) = await WriterHost.HoldAsync(writer);
        var other = stored.NextRevision(DateTimeOffset.UtcNow);
        other.State.Variables["last"] = "other";
        var external = writer.WriteAsync((s, ct) => s.UpdateInstanceAsync(other, stored.Revision, ct), CancellationToken.None);
        var pipeline = new StepPipeline(writer, urgent: false, CancellationToken.None);
        var a = Step(stored, "a");
        pipeline.Add(a);
        hold.SetResult();
        await holding;
        (await external).ShouldBeTrue();

        // Once a's unit has been written (refused), step b goes into a unit of its own. It expects revision 2, which is
        // what the store holds now: only the chain keeps it from landing on top of the other writer's state.
        await writer.WriteAsync((_, _) => ValueTask.FromResult(true), CancellationToken.None);
        var b = Step(a.Instance, "b");
        b.ExpectedRevision.ShouldBe(other.Revision);
        pipeline.Add(b);

        var (last, all) = await pipeline.DrainAsync();
        all.ShouldBeFalse();
        last.ShouldBeNull();

        var (revision, variable, journal) = await ReadAsync(host, stored.Id);
        revision.ShouldBe(other.Revision);
        variable.ShouldBe("other");
        journal.ShouldBeEmpty();
    }

    private static StepCommit Step(WorkflowInstance from, string name)
    {
        var next = from.NextRevision(DateTimeOffset.UtcNow);
        next.State.Variables["last"] = name;
        var step = new StepCommit(next, from.Revision);
        step.Log(JournalEvents.ActivityCompleted, "test", next.UpdatedAt, name, "RunAction", "Done");
        return step.Seal();
    }

    private static async Task<WorkflowInstance> InsertInstanceAsync(IWorkflowWriter writer)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7().ToString("N"),
            DefinitionId = "pipeline-test",
            DefinitionVersion = 1,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Executing,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = "test",
        };
        await writer.WriteAsync(
            async (s, ct) =>
            {
                await s.InsertInstanceAsync(instance, ct);
                return true;
            },
            CancellationToken.None);
        return instance;
    }

    private static async Task<(long Revision, string? Last, List<string?> Journal)> ReadAsync(IHost host, string instanceId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var instance = (await store.FindAsync(instanceId, CancellationToken.None)).ShouldNotBeNull();
        var journal = await store.GetJournalAsync(instanceId, CancellationToken.None);
        return (instance.Revision, (instance.State.Variables["last"] as JsonValue)?.GetValue<string>(), [.. journal.Select(e => e.ActivityId)]);
    }

}
