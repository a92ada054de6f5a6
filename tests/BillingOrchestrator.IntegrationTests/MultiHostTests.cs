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

        var first = Workers.Start(database, workflows, Instances, "host-a", startInstances: true);
        await Eventually.ReturnsAsync(() => Task.FromResult(first.Output.Contains("STARTED") || first.Worker.HasExited), started => started, "host-a to start the instances", TimeSpan.FromSeconds(180));
        var second = Workers.Start(database, workflows, Instances, "host-b", startInstances: false);
        var third = Workers.Start(database, workflows, Instances, "host-c", startInstances: false);
        await Eventually.ReturnsAsync(() => Task.FromResult(second.Output.Contains("STARTED") || second.Worker.HasExited), started => started, "host-b to start", TimeSpan.FromSeconds(180));
        await Task.Delay(300);
        var workingWhenKilled = !second.Output.Contains("ALL-FINISHED");
        second.Worker.Kill(entireProcessTree: true);
        await second.Worker.WaitForExitAsync();
        second.Worker.Dispose();
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

        workingWhenKilled.ShouldBeTrue("host-b was killed after the instances had finished, so the test proved nothing");
        await using var connection = await Workers.OpenAsync(database);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished' AND sub_status = 'Finished'")).ShouldBe((long)Instances);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBe((long)Instances * Steps);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT instance_id, activity_id FROM wf_effects GROUP BY instance_id, activity_id HAVING COUNT(*) <> 1) AS twice")).ShouldBe(0L);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityResumed'")).ShouldBe((long)Instances, "each timer resumed its instance once");
        (await Workers.ScalarAsync(connection, "SELECT COUNT(DISTINCT payload_json::json->>'node') FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBeGreaterThanOrEqualTo(2L, "the work was shared between hosts");
    }
}
