using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Three hosts on one PostgreSQL database share the work; one is killed with SIGKILL mid-run and started again. Every
/// instance finishes, every step's side effect happened exactly once, every timer resumed once, and the work really
/// was spread over the hosts.
/// </summary>
[Collection(Workers.Collection)]
public sealed class MultiHostTests
{
    private const int Instances = 300;
    private const int Steps = 8;

    [Fact]
    public async Task ThreeHostsOnePostgres_OneKilledAndRestarted_EverythingHappensExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseKind.Postgres);
        var workflows = Directory.CreateTempSubdirectory("bo-hosts-").FullName;
        File.WriteAllText(Path.Combine(workflows, "crash-flow.json"), Workers.CrashFlow);

        // host-b and host-c run before host-a starts the instances, so all three compete from the first one. They start
        // one after the other: the first to start migrates the empty database.
        var second = await StartedAsync(Workers.Start(database, workflows, Instances, "host-b", startInstances: false));
        var third = await StartedAsync(Workers.Start(database, workflows, Instances, "host-c", startInstances: false));

        var first = Workers.Start(database, workflows, Instances, "host-a", startInstances: true);
        await using (var probe = await Workers.OpenAsync(database))
        {
            await Eventually.ReturnsAsync(
                () => Workers.ScalarAsync(probe, "SELECT COUNT(*) FROM wf_effects WHERE kind = 'crash.execution' AND payload_json::json->>'node' = 'host-b'"),
                done => done > 0,
                "host-b to execute a step",
                TimeSpan.FromSeconds(180));
        }

        second.Worker.Kill(entireProcessTree: true);
        await second.Worker.WaitForExitAsync();
        second.Worker.Dispose();
        await using (var probe = await Workers.OpenAsync(database))
        {
            var finishedAtKill = await Workers.ScalarAsync(probe, "SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished'");
            finishedAtKill.ShouldBeLessThan((long)Instances, "host-b was killed after every instance had finished, so the test proved nothing");
        }

        var restarted = Workers.Start(database, workflows, Instances, "host-b", startInstances: false);

        foreach (var (worker, output) in new[] { first, third, restarted })
        {
            using (worker)
            {
                var exited = worker.WaitForExitAsync();
                (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(120)))).ShouldBe(exited, "a host did not see every instance finish within 120 s");
                output.ToString().ShouldContain("ALL-FINISHED");
            }
        }

        await using var connection = await Workers.OpenAsync(database);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished' AND sub_status = 'Finished'")).ShouldBe((long)Instances);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBe((long)Instances * Steps);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT instance_id, activity_id FROM wf_effects GROUP BY instance_id, activity_id HAVING COUNT(*) <> 1) AS twice")).ShouldBe(0L);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityResumed'")).ShouldBe((long)Instances, "each timer resumed its instance once");
        (await Workers.ScalarAsync(connection, "SELECT COUNT(DISTINCT payload_json::json->>'node') FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBeGreaterThanOrEqualTo(2L, "the work was shared between hosts");
    }

    private static async Task<(System.Diagnostics.Process Worker, Workers.SynchronizedOutput Output)> StartedAsync((System.Diagnostics.Process Worker, Workers.SynchronizedOutput Output) host)
    {
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Output.Contains("STARTED") || host.Worker.HasExited), started => started, "the host to start", TimeSpan.FromSeconds(180));
        host.Worker.HasExited.ShouldBeFalse(host.Output.ToString());
        return host;
    }
}
