using System.Globalization;

namespace BillingOrchestrator.Benchmarks;

/// <summary>What one run measures and how big it is. <c>--quick</c> is a smoke run; the default is the full run.</summary>
internal sealed record Settings
{
    /// <summary>Instances of flow (a), the ten automated activities, per measured repetition.</summary>
    public int AutoInstances { get; init; } = 2_000;

    /// <summary>Instances of flow (b), three user tasks each, per measured repetition.</summary>
    public int ApprovalInstances { get; init; } = 1_000;

    /// <summary>Approval instances driven one at a time to measure resume latency (three resumes each).</summary>
    public int LatencyInstances { get; init; } = 100;

    /// <summary>Repetitions of every scenario; the report shows the median.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>How long each raw commit-rate loop runs.</summary>
    public TimeSpan RawDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the steady flow (a) load runs while resume latency is probed beside it.</summary>
    public TimeSpan SteadyLoadDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent callers starting instances and completing tasks (and publishing events).</summary>
    public int Drivers { get; init; } = 32;

    /// <summary>The engine's <c>Workflows:Workers</c>.</summary>
    public int EngineWorkers { get; init; } = 32;

    /// <summary>Instances of each flow run before measuring, on the same host, to JIT and warm caches.</summary>
    public int Warmup { get; init; } = 50;

    /// <summary>A scenario that has not finished by then is reported as timed out, with what it got done.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public bool Quick { get; init; }

    public bool SkipPostgres { get; init; }

    public bool SkipWorkflowCore { get; init; }

    /// <summary>Only the flow (a) phase after the warm-up: quick A/B runs while tuning the engine.</summary>
    public bool FlowAOnly { get; init; }

    public string? PostgresConnectionString { get; init; }

    public string? MarkdownPath { get; init; }

    public string CommandLine { get; init; } = "";

    public static Settings Parse(string[] args)
    {
        var settings = new Settings { CommandLine = string.Join(' ', args) };
        if (args.Contains("--quick"))
        {
            settings = settings with
            {
                Quick = true,
                AutoInstances = 200,
                ApprovalInstances = 100,
                LatencyInstances = 20,
                Runs = 1,
                RawDuration = TimeSpan.FromSeconds(1),
                SteadyLoadDuration = TimeSpan.FromSeconds(2),
                Warmup = 10,
                ScenarioTimeout = TimeSpan.FromSeconds(30),
            };
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--quick" => settings,
                "--instances" => WithInstances(settings, Int()),
                "--approval-instances" => settings with { ApprovalInstances = Int() },
                "--latency-instances" => settings with { LatencyInstances = Int() },
                "--runs" => settings with { Runs = Int() },
                "--raw-seconds" => settings with { RawDuration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--drivers" => settings with { Drivers = Int() },
                "--workers" => settings with { EngineWorkers = Int() },
                "--no-postgres" => settings with { SkipPostgres = true },
                "--no-workflowcore" => settings with { SkipWorkflowCore = true },
                "--flow-a-only" => settings with { FlowAOnly = true },
                "--markdown" => settings with { MarkdownPath = Value() },
                "--help" or "-h" => throw new HelpRequestedException(),
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        var postgres = Environment.GetEnvironmentVariable("BO_TEST_POSTGRES");
        return settings with { PostgresConnectionString = settings.SkipPostgres || string.IsNullOrWhiteSpace(postgres) ? null : postgres };
    }

    /// <summary><c>--instances N</c>: N instances of flow (a) and N/2 of flow (b) (three task completions each).</summary>
    private static Settings WithInstances(Settings settings, int n) => settings with { AutoInstances = n, ApprovalInstances = Math.Max(1, n / 2) };

    public const string Usage = """
        BillingOrchestrator.Benchmarks: the durable engine (SQLite, PostgreSQL) against WorkflowCore 3.22.0 in memory and raw SQLite commits.
          --quick                 smoke run (~20 s): small counts, one repetition
          --instances N           flow (a) instances per repetition (flow (b) gets N/2); default 2000
          --approval-instances N  flow (b) instances per repetition; default 1000
          --latency-instances N   approval instances driven one at a time for resume latency; default 100
          --runs N                repetitions (median reported); default 3
          --flow-a-only           only the flow (a) phase (after the warm-up): quick A/B runs while tuning the engine
          --raw-seconds S         duration of each raw commit loop; default 3
          --drivers N             concurrent starters/completers; default 32
          --workers N             engine Workflows:Workers; default 32
          --no-postgres           skip PostgreSQL (also skipped when BO_TEST_POSTGRES is not set)
          --no-workflowcore       skip WorkflowCore
          --markdown FILE         also write the markdown report to FILE
        """;
}

internal sealed class HelpRequestedException : Exception
{
    public HelpRequestedException()
        : base("help")
    {
    }
}
