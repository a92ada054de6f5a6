using System.Data.Common;
using System.Diagnostics;
using BillingOrchestrator.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Worker processes (tests/BillingOrchestrator.CrashWorker) running the engine on a test database, to be killed with
/// SIGKILL; and reading the database they wrote.
/// </summary>
internal static class Workers
{
    /// <summary>Tests that run worker processes take turns: several at once would starve each other on a small machine.</summary>
    public const string Collection = "Worker processes";

    /// <summary>
    /// Eight steps that each record one effect row per committed execution, with a timer in the middle: a second, so that
    /// a kill soon after the instances started still lands while some of them run (the steps themselves take microseconds).
    /// </summary>
    public const string CrashFlow = """
    {
      "definitionId": "crash-flow",
      "name": "Eight recorded steps, one wait",
      "activities": [
        { "id": "s1", "type": "RunAction", "action": "crash.record" },
        { "id": "s2", "type": "RunAction", "action": "crash.record" },
        { "id": "s3", "type": "RunAction", "action": "crash.record" },
        { "id": "s4", "type": "RunAction", "action": "crash.record" },
        { "id": "pause", "type": "Timer", "delay": "PT1S" },
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

    public static (Process Worker, SynchronizedOutput Output) Start(TestDatabase database, string workflows, int instances, string? nodeId = null, bool startInstances = true)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "BillingOrchestrator.CrashWorker.dll");
        var info = new ProcessStartInfo("dotnet");
        foreach (var arg in new[] { worker, database.DataDirectory, workflows, instances.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        if (database.ConnectionString is { } connectionString)
        {
            info.ArgumentList.Add(connectionString);
        }

        if (nodeId is not null)
        {
            info.Environment["CRASH_NODE_ID"] = nodeId;
        }

        info.Environment["CRASH_START"] = startInstances ? "true" : "false";
        return Launch(info);
    }

    /// <summary>Starts a child process whose standard output and error are collected as they come.</summary>
    public static (Process Process, SynchronizedOutput Output) Launch(ProcessStartInfo info)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var output = new SynchronizedOutput();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    public static async Task<DbConnection> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Kind == TestDatabaseKind.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "billing.db")}")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public sealed class SynchronizedOutput
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
