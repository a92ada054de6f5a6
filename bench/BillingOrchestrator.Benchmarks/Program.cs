using System.Diagnostics;
using BillingOrchestrator.Benchmarks;
using Microsoft.Data.Sqlite;
using Npgsql;

Settings settings;
try
{
    settings = Settings.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(Settings.Usage);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Settings.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

var root = Path.Combine(Path.GetTempPath(), $"bo-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(root);
var results = new Results();
var run = new RunInfo
{
    StartedUtc = DateTime.UtcNow,
    LoadBefore = MachineInfo.LoadAverage(),
    Directory = root,
    SqliteVersion = await SqliteVersionAsync(),
};
if (settings.PostgresConnectionString is null)
{
    results.Note(settings.SkipPostgres
        ? "PostgreSQL skipped (--no-postgres)."
        : "PostgreSQL skipped: BO_TEST_POSTGRES is not set (run through scripts/with-postgres.sh, as bench/run.sh does).");
}
else
{
    run.PostgresSettings = await PostgresSettingsAsync(settings.PostgresConnectionString, ct);
}

Console.Error.WriteLine($"bench: {settings.Runs} run(s), flow (a) {settings.AutoInstances} instances, flow (b) {settings.ApprovalInstances} instances, working in {root}");
var machineBusyBefore = MachineInfo.MachineBusySeconds();
var processCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var total = Stopwatch.StartNew();
var scenarios = new Scenarios(settings, results);
List<Func<Task<ISystemUnderTest>>> Factories(string label)
{
    var systems = new List<Func<Task<ISystemUnderTest>>>
    {
        async () => await EngineSystem.StartAsync(Report.Sqlite, Path.Combine(root, $"{label}-sqlite"), "Sqlite", null, settings.EngineWorkers, null, ct),
    };
    if (settings.PostgresConnectionString is { } pgAdmin)
    {
        systems.Add(async () =>
        {
            var (db, drop) = await CreateDatabaseAsync(pgAdmin, "bench_engine", ct);
            try
            {
                return await EngineSystem.StartAsync(Report.Postgres, Path.Combine(root, $"{label}-postgres"), "Postgres", db, settings.EngineWorkers, drop, ct);
            }
            catch
            {
                await drop();
                throw;
            }
        });
    }

    if (!settings.SkipWorkflowCore)
    {
        systems.Add(async () => await WorkflowCoreSystem.StartAsync(ct));
    }

    return systems;
}

try
{
    if (!settings.Quick)
    {
        Console.Error.WriteLine("process warm-up (not recorded)");
        foreach (var factory in Factories("warmup"))
        {
            await using var system = await factory();
            await scenarios.WarmupProcessAsync(system, 300, 100, ct);
        }
    }

    for (var r = 0; r < settings.Runs; r++)
    {
        Console.Error.WriteLine($"run {r + 1}/{settings.Runs} (load average {MachineInfo.LoadAverage()})");
        run.LoadPerRun.Add(MachineInfo.LoadAverage());

        var full = await RawCommitBench.SqliteAsync(root, "FULL", settings.RawDuration, ct);
        results.Add(Report.Raw, Report.RawSqliteFull, full);
        var normal = await RawCommitBench.SqliteAsync(root, "NORMAL", settings.RawDuration, ct);
        results.Add(Report.Raw, Report.RawSqliteNormal, normal);
        Console.Error.WriteLine($"  raw SQLite: FULL {full:N0} commits/s, NORMAL {normal:N0} commits/s");
        if (settings.PostgresConnectionString is { } admin)
        {
            var (db, drop) = await CreateDatabaseAsync(admin, "bench_raw", ct);
            try
            {
                var pg = await RawCommitBench.PostgresAsync(db, settings.RawDuration, ct);
                results.Add(Report.Raw, Report.RawPostgres, pg);
                Console.Error.WriteLine($"  raw PostgreSQL: {pg:N0} commits/s");
            }
            finally
            {
                await drop();
            }
        }

        // Rotate the order of the systems from run to run, so drift on a shared machine does not favour one of them.
        var systems = Factories($"run{r}");
        for (var s = 0; s < systems.Count; s++)
        {
            ISystemUnderTest system;
            try
            {
                system = await systems[(s + r) % systems.Count]();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Note($"run {r + 1}: a system failed to start: {ex.GetType().Name}: {ex.Message}");
                Console.Error.WriteLine(ex);
                continue;
            }

            await using (system)
            {
                Console.Error.WriteLine($"  {system.Name}: measuring");
                await scenarios.RunAsync(system, ct);
            }

            // Drop per-run state so memory from one system does not weigh on the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
    }
}

run.Elapsed = total.Elapsed;
run.LoadAfter = MachineInfo.LoadAverage();
if (MachineInfo.MachineBusySeconds() is { } busyAfter && machineBusyBefore is { } busyBefore)
{
    run.MachineBusySeconds = busyAfter - busyBefore;
    run.ProcessCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processCpuBefore).TotalSeconds;
}

var markdown = Report.Render(settings, run, results);
Console.WriteLine(markdown);
if (settings.MarkdownPath is { } path)
{
    await File.WriteAllTextAsync(path, markdown, ct);
    Console.Error.WriteLine($"bench: wrote {path}");
}

return 0;

static async Task<string> SqliteVersionAsync()
{
    await using var connection = new SqliteConnection("Data Source=:memory:");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "select sqlite_version()";
    return (string?)await command.ExecuteScalarAsync() ?? "unknown";
}

static async Task<string> PostgresSettingsAsync(string connectionString, CancellationToken ct)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync(ct);
    var parts = new List<string>();
    foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes", "shared_buffers" })
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SHOW {setting}";
        parts.Add($"{setting}={await command.ExecuteScalarAsync(ct)}");
    }

    return string.Join(", ", parts);
}

static async Task<(string ConnectionString, Func<Task> Drop)> CreateDatabaseAsync(string adminConnectionString, string prefix, CancellationToken ct)
{
    var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
    await using (var connection = new NpgsqlConnection(adminConnectionString))
    {
        await connection.OpenAsync(ct);
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE DATABASE {name}";
        await create.ExecuteNonQueryAsync(ct);
    }

    var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    return (connectionString, async () =>
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
    );
}
