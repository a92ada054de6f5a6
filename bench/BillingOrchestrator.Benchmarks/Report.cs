using System.Globalization;
using System.Text;
using BillingOrchestrator.Persistence;

namespace BillingOrchestrator.Benchmarks;

internal sealed class RunInfo
{
    public DateTime StartedUtc { get; init; }

    public string Directory { get; init; } = "";

    public string SqliteVersion { get; init; } = "";

    public string? PostgresSettings { get; set; }

    public string LoadBefore { get; init; } = "";

    public string LoadAfter { get; set; } = "";

    public List<string> LoadPerRun { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public double? MachineBusySeconds { get; set; }

    public double? ProcessCpuSeconds { get; set; }
}

/// <summary>The markdown report: environment, figures (medians), ratios to the baselines, targets.</summary>
internal static class Report
{
    public const string Sqlite = "Engine on SQLite";
    public const string Postgres = "Engine on PostgreSQL";
    public const string WorkflowCore = "WorkflowCore";
    public const string Raw = "raw";
    public const string RawSqliteFull = "sqlite.full";
    public const string RawSqliteNormal = "sqlite.normal";
    public const string RawPostgres = "postgres";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(Settings settings, RunInfo run, Results r)
    {
        var md = new StringBuilder();
        var systems = new[] { Sqlite, Postgres, WorkflowCore }.Where(s => r.Has(s, "a.instances_per_s") || r.Has(s, "idle.resume.p50")).ToArray();
        var runs = settings.Runs == 1 ? "one run" : $"medians of {settings.Runs} runs";

        md.AppendLine(Invariant, $"### Run of {run.StartedUtc:yyyy-MM-dd HH:mm} UTC ({runs})");
        md.AppendLine();
        var arguments = settings.CommandLine.Length > 0 ? " -- " + settings.CommandLine : "";
        var through = settings.PostgresConnectionString is null ? "" : " (through `scripts/with-postgres.sh`, as `bench/run.sh` does)";
        md.AppendLine(Invariant, $"- Command: `dotnet run -c Release --project bench/BillingOrchestrator.Benchmarks{arguments}`{through}");
        if (Environment.GetEnvironmentVariable("BO_BENCH_SOURCE") is { Length: > 0 } source)
        {
            md.AppendLine(Invariant, $"- Engine source: {source}");
        }

        md.AppendLine(Invariant, $"- Machine: {Environment.ProcessorCount} cores (`nproc`), {MachineInfo.CpuModel()}, {MachineInfo.Memory()} RAM, {MachineInfo.Os()}");
        md.AppendLine(Invariant, $"- Runtime: {MachineInfo.Runtime()}, Release build; SQLite {run.SqliteVersion} (Microsoft.Data.Sqlite)");
        md.AppendLine(Invariant, $"- SQLite files: fresh files in `{Path.GetDirectoryName(run.Directory)}` (the same disk for the engine and the raw baseline); engine pragmas `{WorkflowDatabase.SqlitePragmas}`");
        if (run.PostgresSettings is { } pg)
        {
            md.AppendLine(Invariant, $"- PostgreSQL: throwaway local server on 127.0.0.1, same disk; {pg}");
        }

        md.AppendLine(Invariant, $"- Sizes per run: flow (a) {settings.AutoInstances} instances, flow (b) {settings.ApprovalInstances} instances, resume latency {settings.LatencyInstances} instances x 3 resumes on an idle host; " +
            $"{settings.Drivers} concurrent drivers; engine `Workflows:Workers` = {settings.EngineWorkers}; warm-up {settings.Warmup} instances per host{(settings.Quick ? "" : ", after one process-wide warm-up of 300 + 100 instances per system")}; raw loops {settings.RawDuration.TotalSeconds:F0} s");
        md.AppendLine(Invariant, $"- Wall time {run.Elapsed.TotalSeconds:F0} s; load average before {run.LoadBefore}, at each run start {string.Join(" / ", run.LoadPerRun)}, after {run.LoadAfter}");
        if (run.MachineBusySeconds is { } busy && run.ProcessCpuSeconds is { } own)
        {
            md.AppendLine(Invariant, $"- CPU: the whole machine was busy {busy:F0} CPU-s during the run, the bench process {own:F0} CPU-s; the other {Math.Max(0, busy - own):F0} CPU-s were the PostgreSQL server and anything else running on the machine");
        }

        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", systems.Select(Title)) + " |");
        md.AppendLine("|---|" + string.Concat(systems.Select(_ => "---:|")));
        Row(md, r, systems, "(a) 10 automated activities: instances/s", "a.instances_per_s", Rate);
        Row(md, r, systems, "(a) activity executions/s", "a.activities_per_s", Rate);
        Row(md, r, systems, "(a) CPU ms of the bench process per instance", "a.cpu_ms_per_instance", Ms);
        Row(md, r, systems, "(b) 3 approvals: instances/s", "b.instances_per_s", Rate);
        Row(md, r, systems, "(b) task completions (event resumes)/s", "b.activities_per_s", Rate);
        Row(md, r, systems, "(b) complete/publish call p50 / p99 under bulk load, ms", "b.ack.p50", Ms, "b.ack.p99");
        Row(md, r, systems, "resume latency, idle host: p50 / p99, ms", "idle.resume.p50", Ms, "idle.resume.p99");
        Row(md, r, systems, "of which the complete/publish call: p50 / p99, ms", "idle.ack.p50", Ms, "idle.ack.p99");
        Row(md, r, systems, "one read-API poll (measurement resolution) p50, ms", "idle.poll.p50", Ms);
        Row(md, r, systems, "resume latency beside a steady flow (a) load at ½ capacity: p50 / p99, ms", "steady.resume.p50", Ms, "steady.resume.p99");
        Row(md, r, systems, "of which the complete/publish call: p50 / p99, ms", "steady.ack.p50", Ms, "steady.ack.p99");
        Row(md, r, systems, "offered load: flow (a) activity executions/s", "steady.activities_per_s", Rate);
        Row(md, r, systems, "resume latency during a burst of flow (a) starts: p50 / p99, ms", "burst.resume.p50", Ms, "burst.resume.p99");
        Row(md, r, systems, "of which the complete/publish call: p50 / p99, ms", "burst.ack.p50", Ms, "burst.ack.p99");
        Row(md, r, systems, "burst size: flow (a) instances started at once", "burst.size", Count);
        Row(md, r, systems, "resume samples per run: idle / steady / burst", "idle.samples", Count, "steady.samples", "burst.samples");
        md.AppendLine();

        var full = r.Median(Raw, RawSqliteFull);
        var normal = r.Median(Raw, RawSqliteNormal);
        var rawPg = r.Median(Raw, RawPostgres);
        md.AppendLine("| baseline (one ~200-byte row inserted per transaction, one connection) | commits/s |");
        md.AppendLine("|---|---:|");
        md.AppendLine(Invariant, $"| raw SQLite, WAL, synchronous=FULL (the engine's settings) | {Rate(full)}{Range(r, Raw, RawSqliteFull)} |");
        md.AppendLine(Invariant, $"| raw SQLite, WAL, synchronous=NORMAL (for context; not what the engine uses) | {Rate(normal)}{Range(r, Raw, RawSqliteNormal)} |");
        if (rawPg is not null)
        {
            md.AppendLine(Invariant, $"| raw PostgreSQL, fsync=on, synchronous_commit=on | {Rate(rawPg)}{Range(r, Raw, RawPostgres)} |");
        }

        md.AppendLine();
        var sqliteActs = r.Median(Sqlite, "a.activities_per_s");
        var pgActs = r.Median(Postgres, "a.activities_per_s");
        var wfcSteps = r.Median(WorkflowCore, "a.activities_per_s");
        md.AppendLine("| ratio (same run) | value |");
        md.AppendLine("|---|---:|");
        RatioRow(md, "engine on SQLite, activity executions/s ÷ raw SQLite FULL commits/s", sqliteActs, full);
        RatioRow(md, "engine on SQLite, activity executions/s ÷ WorkflowCore step executions/s (flow a)", sqliteActs, wfcSteps);
        RatioRow(md, "engine on SQLite, flow (a) instances/s ÷ WorkflowCore", r.Median(Sqlite, "a.instances_per_s"), r.Median(WorkflowCore, "a.instances_per_s"));
        RatioRow(md, "engine on SQLite, task completions/s ÷ WorkflowCore event resumes/s (flow b)", r.Median(Sqlite, "b.activities_per_s"), r.Median(WorkflowCore, "b.activities_per_s"));
        RatioRow(md, "engine on SQLite, idle resume p99 ÷ WorkflowCore idle resume p99", r.Median(Sqlite, "idle.resume.p99"), r.Median(WorkflowCore, "idle.resume.p99"));
        RatioRow(md, "engine on PostgreSQL, activity executions/s ÷ raw PostgreSQL commits/s", pgActs, rawPg);
        RatioRow(md, "engine on PostgreSQL, activity executions/s ÷ WorkflowCore step executions/s (flow a)", pgActs, wfcSteps);
        RatioRow(md, "engine on PostgreSQL, task completions/s ÷ WorkflowCore event resumes/s (flow b)", r.Median(Postgres, "b.activities_per_s"), r.Median(WorkflowCore, "b.activities_per_s"));
        md.AppendLine();

        md.AppendLine("| target (engine on SQLite, 2-core machine) | measured | met? |");
        md.AppendLine("|---|---:|:---:|");
        Target(md, "≥ 1,000 durable activity executions/s", sqliteActs, v => Rate(v) + "/s", v => v >= 1000);
        Target(md, "resume p99 < 20 ms (idle host)", r.Median(Sqlite, "idle.resume.p99"), v => Ms(v) + " ms", v => v < 20);
        Target(md, "resume p99 < 20 ms (beside a steady load at ½ capacity)", r.Median(Sqlite, "steady.resume.p99"), v => Ms(v) + " ms", v => v < 20);
        Target(md, "resume p99 < 20 ms (during a burst of flow (a) starts)", r.Median(Sqlite, "burst.resume.p99"), v => Ms(v) + " ms", v => v < 20);
        Target(md, "≥ ½ raw SQLite commit rate (activity executions/s ÷ raw FULL commits/s)", Div(sqliteActs, full), v => v.ToString("F2", Invariant) + "×", v => v >= 0.5);
        Target(md, "faster than WorkflowCore in memory, flow (a) instances/s", Div(r.Median(Sqlite, "a.instances_per_s"), r.Median(WorkflowCore, "a.instances_per_s")), v => v.ToString("F2", Invariant) + "×", v => v > 1);
        Target(md, "faster than WorkflowCore in memory, flow (b) completions/s", Div(r.Median(Sqlite, "b.activities_per_s"), r.Median(WorkflowCore, "b.activities_per_s")), v => v.ToString("F2", Invariant) + "×", v => v > 1);
        md.AppendLine();

        if (settings.Runs > 1)
        {
            md.AppendLine("<details><summary>Every run's value of the main figures</summary>");
            md.AppendLine();
            md.AppendLine("| system | figure | runs |");
            md.AppendLine("|---|---|---|");
            foreach (var system in systems)
            {
                foreach (var (metric, label) in new[] { ("a.activities_per_s", "(a) activity executions/s"), ("b.activities_per_s", "(b) completions/s"), ("idle.resume.p50", "idle resume p50 ms"), ("idle.resume.p99", "idle resume p99 ms"), ("steady.resume.p99", "steady-load resume p99 ms"), ("burst.resume.p99", "burst resume p99 ms") })
                {
                    md.AppendLine(Invariant, $"| {Title(system)} | {label} | {string.Join(", ", r.All(system, metric).Select(v => metric.Contains("resume", StringComparison.Ordinal) ? Ms(v) : Rate(v)))} |");
                }
            }

            foreach (var (metric, label) in new[] { (RawSqliteFull, "raw SQLite FULL commits/s"), (RawSqliteNormal, "raw SQLite NORMAL commits/s"), (RawPostgres, "raw PostgreSQL commits/s") })
            {
                if (r.Has(Raw, metric))
                {
                    md.AppendLine(Invariant, $"| baseline | {label} | {string.Join(", ", r.All(Raw, metric).Select(v => Rate(v)))} |");
                }
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        if (r.Notes.Count > 0)
        {
            md.AppendLine("Notes from the run:");
            md.AppendLine();
            foreach (var note in r.Notes.Distinct())
            {
                md.AppendLine(Invariant, $"- {note}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Title(string system) => system switch
    {
        Sqlite => "engine, SQLite file",
        Postgres => "engine, PostgreSQL",
        WorkflowCore => "WorkflowCore 3.22.0, in memory",
        _ => system,
    };

    private static void Row(StringBuilder md, Results r, string[] systems, string label, string metric, Func<double?, string> format, params string[] more)
    {
        md.Append(Invariant, $"| {label} |");
        foreach (var system in systems)
        {
            var value = string.Join(" / ", new[] { metric }.Concat(more).Select(m => format(r.Median(system, m))));
            md.Append(Invariant, $" {value} |");
        }

        md.AppendLine();
    }

    private static void RatioRow(StringBuilder md, string label, double? numerator, double? denominator)
    {
        if (Div(numerator, denominator) is { } ratio)
        {
            md.AppendLine(Invariant, $"| {label} | {ratio:F2}× |");
        }
    }

    private static void Target(StringBuilder md, string label, double? value, Func<double, string> format, Func<double, bool> met) =>
        md.AppendLine(Invariant, $"| {label} | {(value is { } v ? format(v) : "not measured")} | {(value is { } w ? met(w) ? "yes" : "**no**" : "–")} |");

    private static double? Div(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

    private static string Range(Results r, string system, string metric)
    {
        var all = r.All(system, metric);
        return all.Count > 1 ? $" ({Rate(all.Min())}–{Rate(all.Max())})" : "";
    }

    private static string Rate(double? value) => value is { } v ? v.ToString("N0", Invariant) : "–";

    private static string Count(double? value) => value is { } v ? v.ToString("N0", Invariant) : "–";

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "F2" : "F1", Invariant) : "–";
}
