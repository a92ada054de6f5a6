using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.LoadTest;
using Npgsql;

// HTTP load on the real product over loopback (not part of CI):
//   scripts/with-postgres.sh dotnet bench/BillingOrchestrator.LoadTest/bin/Release/net10.0/BillingOrchestrator.LoadTest.dll \
//     [--users 50] [--seconds 60] [--warmup 10] [--provider sqlite|postgres|both] [--think-ms 0]
// --think-ms: each simulated person pauses between two actions, uniformly 0.5x-1.5x this long, as people at a screen do;
// 0 (the default) is a closed loop where every owner fires its next request the moment the last one returns.
// Needs the Release build of the host (dotnet build src/BillingOrchestrator.Web -c Release). PostgreSQL comes from
// BO_TEST_POSTGRES, which scripts/with-postgres.sh sets. Prints a markdown report on stdout, progress on stderr.
var users = Option("--users", 50);
var seconds = Option("--seconds", 60);
var warmup = Option("--warmup", 10);
var provider = Value("--provider") ?? "both";
var think = TimeSpan.FromMilliseconds(Option("--think-ms", 0));

// One thread per simulated owner pair ready in the load generator's pool, so the client adds no queueing of its own when
// the host keeps both cores busy (otherwise the pool grows about twice a second and the wait shows up as latency).
ThreadPool.GetMinThreads(out var minWorkers, out var minPorts);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 2 * users), minPorts);
var root = RepositoryRoot();
var webDll = Path.Combine(root, "src", "BillingOrchestrator.Web", "bin", "Release", "net10.0", "BillingOrchestrator.Web.dll");
if (!File.Exists(webDll))
{
    Console.Error.WriteLine($"{webDll} not found: run `dotnet build src/BillingOrchestrator.Web -c Release` first");
    return 2;
}

var workflows = Directory.CreateTempSubdirectory("bo-load-workflows-").FullName;
await File.WriteAllTextAsync(Path.Combine(workflows, Owner.DefinitionId + ".json"), LoadDefinition());
var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
Console.WriteLine($"## HTTP load: {users} owners, {seconds} s measured after {warmup} s warm-up ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average at start {string.Join(' ', load)}; host and load generator on the same machine.");
Console.WriteLine(think == TimeSpan.Zero
    ? "Pacing: closed loop, no think time (each owner sends its next request as soon as the last one returns)."
    : $"Pacing: each person pauses {think.TotalMilliseconds * 0.5:0}-{think.TotalMilliseconds * 1.5:0} ms (uniform) between two actions.");
foreach (var kind in provider == "both" ? ["sqlite", "postgres"] : new[] { provider })
{
    string? postgres = null;
    if (kind == "postgres")
    {
        var admin = Environment.GetEnvironmentVariable("BO_TEST_POSTGRES") ?? throw new InvalidOperationException("BO_TEST_POSTGRES is not set: run under scripts/with-postgres.sh");
        var name = "load_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", connection).ExecuteNonQueryAsync();
        }

        postgres = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    Console.Error.WriteLine($"[{kind}] starting the product");
    await using var product = await ProductProcess.StartAsync(webDll, workflows, postgres, CancellationToken.None);
    await RunAsync(kind, product);
}

return 0;

async Task RunAsync(string kind, ProductProcess product)
{
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = users * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    var finance = await SignedInAsync(handler, product.Address, "finance@demo.local");
    var service = await SignedInAsync(handler, product.Address, "service@demo.local");
    var latencies = new Latencies();
    using var stop = new CancellationTokenSource();
    var owners = Enumerable.Range(0, users).Select(i => new Owner(finance, service, latencies, i, think)).ToList();
    var running = owners.Select(o => Task.Run(() => o.RunAsync(stop.Token))).ToList();
    var validations = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await latencies.TimeAsync("validation run (background, 60k entries)", () => finance.PostAsJsonAsync("/api/validation-runs", new { }, CancellationToken.None));
            await Delay(TimeSpan.FromSeconds(15), stop.Token);
        }
    });

    Console.Error.WriteLine($"[{kind}] warming up for {warmup} s");
    await Task.Delay(TimeSpan.FromSeconds(warmup));
    var completedBefore = owners.Sum(o => o.Completed);
    latencies.Recording = true;
    var watch = Stopwatch.StartNew();
    Console.Error.WriteLine($"[{kind}] measuring for {seconds} s");
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    latencies.Recording = false;
    var elapsed = watch.Elapsed.TotalSeconds;
    var completed = owners.Sum(o => o.Completed) - completedBefore;
    await stop.CancelAsync();
    await Task.WhenAll(running);
    await validations;

    var approvals = owners.Sum(o => o.Approved);
    var starts = owners.Sum(o => o.Started);
    var finished = await TotalAsync(service, $"/api/workflow-instances?definitionId={Owner.DefinitionId}&subStatus=Finished&pageSize=1", approvals);
    var stored = await TotalAsync(service, $"/api/workflow-instances?definitionId={Owner.DefinitionId}&pageSize=1", starts);
    Console.WriteLine();
    Console.WriteLine($"### {(kind == "sqlite" ? "SQLite file (the embedded default)" : "PostgreSQL 15 on loopback")}");
    Console.WriteLine();
    Console.WriteLine($"- {latencies.Requests:N0} requests in {elapsed:0.0} s: **{latencies.Requests / elapsed:0.0} requests/s**; **{completed / elapsed:0.0} task completions/s** (tasks and gates, each with its evidence); **{latencies.Errors} errors**");
    Console.WriteLine($"- nothing lost (whole run, warm-up included, each owner finishing its cycle after the stop): {starts} starts acknowledged, {stored} instances stored; {approvals} gate approvals acknowledged, {finished} instances Finished");
    Console.WriteLine();
    Console.WriteLine("| operation | requests | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (operation, count, p50, p95, p99, max) in latencies.Summary())
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {operation} | {count:N0} | {p50:0.0} | {p95:0.0} | {p99:0.0} | {max:0.0} |"));
    }

    foreach (var (what, count) in latencies.ErrorKinds)
    {
        Console.WriteLine($"- error ×{count}: {what}");
    }
}

async Task<int> TotalAsync(HttpClient client, string path, int expected)
{
    var total = -1;
    for (var attempt = 0; attempt < 100 && total != expected; attempt++)
    {
        total = (await client.GetFromJsonAsync<JsonObject>(path))!["total"]!.GetValue<int>();
        await Task.Delay(100);
    }

    return total;
}

async Task<HttpClient> SignedInAsync(HttpMessageHandler handler, Uri address, string email)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = ProductProcess.Password });
    response.EnsureSuccessStatusCode();
    var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

static async Task Delay(TimeSpan delay, CancellationToken stop)
{
    try
    {
        await Task.Delay(delay, stop);
    }
    catch (OperationCanceledException)
    {
    }
}

static string LoadDefinition() => """
    {
      "definitionId": "load-gated-task",
      "name": "Load: a gated task",
      "description": "A finance lead prepares with evidence; a service manager approves the quality gate.",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "prepare", "type": "UserTask", "role": "FinanceLead", "title": "Prepare the evidence", "outcomes": ["Done"] },
        { "id": "gate", "type": "QualityGate", "approverRole": "ServiceManager", "title": "Approve", "evidence": [ { "name": "report", "label": "Validation report" } ] },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "source": "start", "target": "prepare" },
        { "source": "prepare", "outcome": "Done", "target": "gate" },
        { "source": "gate", "outcome": "Approved", "target": "end" },
        { "source": "gate", "outcome": "Rejected", "target": "prepare" }
      ]
    }
    """;

int Option(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BillingOrchestrator.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("BillingOrchestrator.sln not found above the load test");
}
