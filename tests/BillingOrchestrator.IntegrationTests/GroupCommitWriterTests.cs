using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Units of work that share one group commit: a unit that throws is undone alone and its caller sees the error; the
/// others commit. Consecutive replayable units share one savepoint, so when one of them throws the run is replayed, and
/// a unit not declared replayable never runs twice.
/// </summary>
public sealed class GroupCommitWriterTests
{
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task ThrowingUnitsAreUndoneAlone_ReplayableRunsAreReplayed_OtherUnitsRunOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var host = await WriterHost.StartAsync(database);
        var writer = host.Services.GetRequiredService<IWorkflowWriter>();
        var runs = new Dictionary<string, int>();

        // The writer's loop is held inside a first unit while the others queue, so they all land in the next batch.
        var (hold, holding) = await WriterHost.HoldAsync(writer);

        var units = new (string Id, bool Replayable, bool Throws)[]
        {
            ("r1", true, false), ("r2-throws", true, true), ("r3", true, false),
            ("n1", false, false), ("n2-throws", false, true),
            ("r4", true, false), ("r5", true, false),
        };
        var writes = units.Select(unit =>
        {
            Func<IWorkflowWriteSession, CancellationToken, ValueTask<string>> work = async (session, ct) =>
            {
                lock (runs)
                {
                    runs[unit.Id] = runs.GetValueOrDefault(unit.Id) + 1;
                }

                await session.RecordOperationAsync($"gcw:{unit.Id}", unit.Id, "{}", DateTimeOffset.UtcNow, ct);
                return unit.Throws ? throw new InvalidOperationException($"{unit.Id} failed after writing") : unit.Id;
            };
            return unit.Replayable ? writer.WriteReplayableAsync(work, CancellationToken.None) : writer.WriteAsync(work, CancellationToken.None);
        }).ToList();
        hold.SetResult();
        await holding;

        foreach (var (unit, write) in units.Zip(writes))
        {
            if (unit.Throws)
            {
                (await Should.ThrowAsync<InvalidOperationException>(write)).Message.ShouldBe($"{unit.Id} failed after writing");
            }
            else
            {
                (await write).ShouldBe(unit.Id);
            }
        }

        var stored = await writer.WriteAsync(
            async (session, ct) =>
            {
                var found = new List<string>();
                foreach (var unit in units)
                {
                    if (await session.GetOperationResultAsync($"gcw:{unit.Id}", ct) is not null)
                    {
                        found.Add(unit.Id);
                    }
                }

                return found;
            },
            CancellationToken.None);
        stored.ShouldBe(["r1", "r3", "n1", "r4", "r5"]);

        // r2's throw undid the first run of r1-r3 (r3 had not run yet), which was then replayed unit by unit; r4-r5 ran
        // together once, and the units not declared replayable ran once.
        string.Join(", ", runs.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"))
            .ShouldBe("n1=1, n2-throws=1, r1=2, r2-throws=2, r3=1, r4=1, r5=1");
    }


    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task AnUrgentUnit_RunsAheadOfBulkUnitsQueuedBeforeIt(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var host = await WriterHost.StartAsync(database);
        var writer = host.Services.GetRequiredService<IWorkflowWriter>();
        var order = new List<string>();
        Task<bool> Unit(string id, bool urgent) => writer.WriteReplayableAsync(
            (_, _) =>
            {
                lock (order)
                {
                    order.Add(id);
                }

                return ValueTask.FromResult(true);
            },
            CancellationToken.None,
            urgent);

        var (hold, holding) = await WriterHost.HoldAsync(writer);
        var bulk = Enumerable.Range(1, 20).Select(i => Unit($"bulk-{i}", urgent: false)).ToList();
        var urgent = Unit("urgent", urgent: true);
        hold.SetResult();
        await holding;
        await Task.WhenAll([.. bulk, urgent]);

        order[0].ShouldBe("urgent");
        order.Skip(1).ShouldBe(Enumerable.Range(1, 20).Select(i => $"bulk-{i}"));
    }
}
