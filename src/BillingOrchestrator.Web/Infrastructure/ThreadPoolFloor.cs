namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>
/// Keeps enough thread-pool threads ready that CPU-bound work (a validation run deserializes and checks on every core,
/// a gate approval renders a PDF) cannot hold back the requests queued behind it. The pool starts with one thread per
/// core and adds threads about twice a second once they are all busy, so on a 2-core host a validation run stalled every
/// other request for hundreds of milliseconds (task completion p99 286 ms at 50 people on PostgreSQL, 28 ms with the
/// floor; docs/benchmarks.md). More threads than that cost throughput at saturation (SQLite writers then wait on each
/// other more), so the default is four per core; <c>Host:MinWorkerThreads</c> sets another floor.
/// </summary>
public static class ThreadPoolFloor
{
    public const string Key = "Host:MinWorkerThreads";

    /// <summary>The floor for worker threads: the configured value, else four per core; never below the runtime's own minimum.</summary>
    public static int MinWorkerThreads(IConfiguration configuration, int processorCount, int runtimeMinimum)
    {
        var wanted = configuration.GetValue<int?>(Key) ?? 4 * processorCount;
        return Math.Max(wanted, runtimeMinimum);
    }

    public static void Apply(IConfiguration configuration)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(MinWorkerThreads(configuration, Environment.ProcessorCount, workers), completionPorts);
    }
}
