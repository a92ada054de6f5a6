using BenchmarkDotNet.Attributes;
using BillingOrchestrator.Billing.Checks;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>
/// All 22 checks over the scale snapshot: the engine (<see cref="Validator.Run"/>, snapshot hash supplied as a stored
/// snapshot's would be) against the plain LINQ implementation of the same checks; and, apart, hashing the snapshot.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    [GlobalSetup]
    public void Setup() => _ = ScaleData.Data;

    [Benchmark(Baseline = true, Description = "LINQ baseline (22 checks)")]
    public int Linq() => LinqBaseline.Run(ScaleData.Data.Snapshot, ScaleData.Data.Catalog, ScaleData.Data.CodingStandard, ScaleData.Options).Count;

    [Benchmark(Description = "Validator.Run (22 checks)")]
    public int Engine() => Validator.Run(ScaleData.Data.Snapshot, ScaleData.Data.Catalog, ScaleData.Data.CodingStandard, ScaleData.Options, snapshotHash: ScaleData.Hash).Findings.Count;

    [Benchmark(Description = "SnapshotHasher.Compute")]
    public string Hash() => SnapshotHasher.Compute(ScaleData.Data.Snapshot);
}
