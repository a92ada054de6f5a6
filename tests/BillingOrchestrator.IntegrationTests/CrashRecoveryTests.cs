using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Kills a worker process with SIGKILL at random moments, again and again, then lets it finish: every instance must
/// finish and every step's side effect must have happened exactly once.
/// </summary>
[Collection(Workers.Collection)]
public sealed class CrashRecoveryTests
{
    private const int Instances = 300;
    private const int Steps = 8;
    private const int Kills = 6;

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task SigkillAtRandomMoments_EveryInstanceFinishes_EachSideEffectExactlyOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = Directory.CreateTempSubdirectory("bo-crash-").FullName;
        File.WriteAllText(Path.Combine(workflows, "crash-flow.json"), Workers.CrashFlow);
        var random = new Random(20261125);

        var killedWhileWorking = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var (worker, output) = Workers.Start(database, workflows, Instances);
            using (worker)
            {
                // Even kills land while instances run; odd ones anywhere from start-up to instance creation.
                if (kill % 2 == 0)
                {
                    await Eventually.ReturnsAsync(() => Task.FromResult(output.Contains("STARTED") || worker.HasExited), started => started, "the worker to start its instances", TimeSpan.FromSeconds(180));
                    await Task.Delay(random.Next(0, 400));
                }
                else
                {
                    await Task.Delay(random.Next(500, 1500));
                }

                var working = output.Contains("STARTED") && !output.Contains("ALL-FINISHED");
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
                killedWhileWorking += working ? 1 : 0;
            }
        }

        var (final, finalOutput) = Workers.Start(database, workflows, Instances);
        using (final)
        {
            var exited = final.WaitForExitAsync();
            (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(90)))).ShouldBe(exited, "the final worker run did not finish in 90 s");
            finalOutput.ToString().ShouldContain("ALL-FINISHED");
        }

        killedWhileWorking.ShouldBeGreaterThan(0, "no kill landed while instances were running, so the test proved nothing");
        await using var connection = await Workers.OpenAsync(database);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished' AND sub_status = 'Finished'")).ShouldBe((long)Instances);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBe((long)Instances * Steps);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT instance_id, activity_id FROM wf_effects GROUP BY instance_id, activity_id HAVING COUNT(*) <> 1) AS twice")).ShouldBe(0L);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityCompleted'")).ShouldBe((long)Instances * Steps);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityResumed'")).ShouldBe((long)Instances);
        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM wf_bookmarks")).ShouldBe(0L);
    }
}
