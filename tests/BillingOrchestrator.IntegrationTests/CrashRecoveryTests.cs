using System.Data.Common;
using System.Diagnostics;
using BillingOrchestrator.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Kills a worker process with SIGKILL at random moments, again and again, then lets it finish: every instance must
/// finish and every step's side effect must have happened exactly once.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Instances = 300;
    private const int Steps = 8;
    private const int Kills = 6;

    private const string CrashFlow = """
    {
      "definitionId": "crash-flow",
      "name": "Eight recorded steps, one wait",
      "activities": [
        { "id": "s1", "type": "RunAction", "action": "crash.record" },
        { "id": "s2", "type": "RunAction", "action": "crash.record" },
        { "id": "s3", "type": "RunAction", "action": "crash.record" },
        { "id": "s4", "type": "RunAction", "action": "crash.record" },
        { "id": "pause", "type": "Timer", "delay": "PT0.2S" },
        { "id": "s5", "type": "RunAction", "action": "crash.record" },
        { "id": "s6", "type": "RunAction", "action": "crash.record" },
        { "id": "s7", "type": "RunAction", "action": "crash.record" },
        { "id": "s8", "type": "RunAction", "action": "crash.record" }
      ],
      "connections": [
        { "source": "s1", "target": "s2" }, { "source": "s2", "target": "s3" }, { "source": "s3", "target": "s4" }, { "source": "s4", "target": "pause" },
        { "source": "pause", "target": "s5" }, { "source": "s5", "target": "s6" }, { "source": "s6", "target": "s7" }, { "source": "s7", "target": "s8" }
      ]
    }
    """;

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task SigkillAtRandomMoments_EveryInstanceFinishes_EachSideEffectExactlyOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = Directory.CreateTempSubdirectory("bo-crash-").FullName;
        File.WriteAllText(Path.Combine(workflows, "crash-flow.json"), CrashFlow);
        var random = new Random(20261125);

        var killedWhileWorking = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var (worker, output) = StartWorker(database, workflows);
            using (worker)
            {
                // Even kills land while instances run; odd ones anywhere from start-up to instance creation.
                if (kill % 2 == 0)
                {
                    await Eventually.ReturnsAsync(() => Task.FromResult(output.Contains("STARTED") || worker.HasExited), started => started, "the worker to start its instances", TimeSpan.FromSeconds(60));
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

        var (final, finalOutput) = StartWorker(database, workflows);
        using (final)
        {
            var exited = final.WaitForExitAsync();
            (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(90)))).ShouldBe(exited, "the final worker run did not finish in 90 s");
            finalOutput.ToString().ShouldContain("ALL-FINISHED");
        }

        killedWhileWorking.ShouldBeGreaterThan(0, "no kill landed while instances were running, so the test proved nothing");
        await using var connection = await OpenAsync(database);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished' AND sub_status = 'Finished'")).ShouldBe((long)Instances);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_effects WHERE kind = 'crash.execution'")).ShouldBe((long)Instances * Steps);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT instance_id, activity_id FROM wf_effects GROUP BY instance_id, activity_id HAVING COUNT(*) <> 1) AS twice")).ShouldBe(0L);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityCompleted'")).ShouldBe((long)Instances * Steps);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_journal WHERE event = 'ActivityResumed'")).ShouldBe((long)Instances);
        (await ScalarAsync(connection, "SELECT COUNT(*) FROM wf_bookmarks")).ShouldBe(0L);
    }

    private static (Process Worker, SynchronizedOutput Output) StartWorker(TestDatabase database, string workflows)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "BillingOrchestrator.CrashWorker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { worker, database.DataDirectory, workflows, Instances.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        if (database.ConnectionString is { } connectionString)
        {
            info.ArgumentList.Add(connectionString);
        }

        var output = new SynchronizedOutput();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static async Task<DbConnection> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Kind == TestDatabaseKind.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "billing.db")}")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class SynchronizedOutput
    {
        private readonly System.Text.StringBuilder _text = new();

        public void Append(string? line)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }

        public bool Contains(string value) => ToString().Contains(value, StringComparison.Ordinal);

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
