using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BillingOrchestrator.Benchmarks.Validation;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;

// dotnet run -c Release --project bench/BillingOrchestrator.Benchmarks.Validation -- [--verify | --peak | --store [--runs N] [--data-dir DIR] [--small] | BenchmarkDotNet arguments]
//   --verify  one engine run and one baseline run on the scale data: same findings? recall and false positives against the ground truth
//   --peak    one full Validator.Run (hash included) in a fresh process: duration, allocation and Process.PeakWorkingSet64
//   --store   whole validation runs from a SQLite store filled with the scale data through the product's stores (StoreBench.cs):
//             N rounds (default 3) of: a run as ValidationRuns makes it, one as the loader before it (EF strings, one thread), every phase timed apart;
//             --data-dir keeps the database there and reuses it on the next call (default: a temporary directory, deleted);
//             --small stores the default demo data set (60,000 entries) instead of the scale one, for a quick smoke run
//   otherwise the BenchmarkDotNet comparison (in-process, Monitoring strategy, 1 warm-up + 5 iterations)
if (args.Contains("--store"))
{
    return await StoreBench.RunAsync(args);
}

if (args.Contains("--peak"))
{
    return Peak();
}

if (args.Contains("--verify"))
{
    return Verify();
}

var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddColumn(new EntriesPerSecondColumn(ScaleData.Data.Snapshot.TimeEntries.Count))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run<ValidationBenchmarks>(config, args);
return 0;

static int Peak()
{
    var data = ScaleData.Data;
    var afterGeneration = Process.GetCurrentProcess().PeakWorkingSet64;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var result = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, ScaleData.Options);
    watch.Stop();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"entries {data.Snapshot.TimeEntries.Count:N0}; full run with hashing {watch.Elapsed.TotalSeconds:0.00} s; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB; " +
        $"peak working set {process.PeakWorkingSet64 / 1e6:N0} MB (after generating the data: {afterGeneration / 1e6:N0} MB); findings {result.Findings.Count}"));
    return 0;
}

static int Verify()
{
    var data = ScaleData.Data;
    var watch = Stopwatch.StartNew();
    var engine = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, ScaleData.Options, snapshotHash: ScaleData.Hash);
    var engineTime = watch.Elapsed;
    watch.Restart();
    var baseline = LinqBaseline.Run(data.Snapshot, data.Catalog, data.CodingStandard, ScaleData.Options);
    var baselineTime = watch.Elapsed;
    static string Key(string check, IEnumerable<SourceRef> records, Money amount) =>
        $"{check}|{string.Join(",", records)}|{Money.Max(amount, Money.Zero).RoundToCents()}";
    var engineKeys = engine.Findings.Select(f => Key(f.CheckId, f.Records, f.AmountAtRisk)).Order(StringComparer.Ordinal).ToList();
    var baselineKeys = baseline.Select(h => Key(h.CheckId, h.Records, h.Amount)).Order(StringComparer.Ordinal).ToList();
    var same = engineKeys.SequenceEqual(baselineKeys);

    var cases = data.GroundTruth.Cases;
    static IEnumerable<SourceRef> Specific(BillingOrchestrator.Billing.Demo.LeakageCase c) =>
        c.Records.Any(r => r.Kind != EntityKind.Agreement) ? c.Records.Where(r => r.Kind != EntityKind.Agreement) : c.Records;
    var found = cases.Count(c => engine.Findings.Any(f => f.CheckId == c.CheckId && Specific(c).Any(f.Records.Contains)));
    var specific = cases.SelectMany(c => c.Records).Where(r => r.Kind is not (EntityKind.Agreement or EntityKind.Member or EntityKind.Invoice)).ToHashSet();
    var unexplained = engine.Findings.Count(f => !cases.Any(c => f.CheckId == c.CheckId && Specific(c).Any(f.Records.Contains)) && !f.Records.Any(specific.Contains));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"engine {engine.Findings.Count} findings in {engineTime.TotalSeconds:0.00} s; LINQ baseline {baseline.Count} in {baselineTime.TotalSeconds:0.00} s; identical findings and amounts: {same}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"scale ground truth: {cases.Count} cases, {found} found; {unexplained} of {engine.Findings.Count} findings unexplained"));
    if (!same)
    {
        foreach (var k in engineKeys.Except(baselineKeys).Take(10))
        {
            Console.WriteLine("engine only:   " + k);
        }

        foreach (var k in baselineKeys.Except(engineKeys).Take(10))
        {
            Console.WriteLine("baseline only: " + k);
        }
    }

    return same && found == cases.Count ? 0 : 1;
}
