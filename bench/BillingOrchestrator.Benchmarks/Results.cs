using System.Diagnostics;

namespace BillingOrchestrator.Benchmarks;

/// <summary>Every figure of every repetition, by system and metric; the report shows medians.</summary>
internal sealed class Results
{
    private readonly Dictionary<(string System, string Metric), List<double>> _values = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Notes => _notes;

    public void Add(string system, string metric, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return;
        }

        if (!_values.TryGetValue((system, metric), out var list))
        {
            _values[(system, metric)] = list = [];
        }

        list.Add(value);
    }

    public void Note(string note)
    {
        lock (_notes)
        {
            _notes.Add(note);
        }
    }

    public bool Has(string system, string metric) => _values.ContainsKey((system, metric));

    public double? Median(string system, string metric) =>
        _values.TryGetValue((system, metric), out var list) && list.Count > 0 ? Stats.Median(list) : null;

    public IReadOnlyList<double> All(string system, string metric) =>
        _values.TryGetValue((system, metric), out var list) ? list : [];
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Nearest-rank percentile (p in 0..100) of the samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Ms(long startTimestamp, long endTimestamp) => Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMilliseconds;
}

/// <summary>Wall time and this process's CPU time over a measured section.</summary>
internal readonly struct Measure
{
    private readonly long _start;
    private readonly TimeSpan _cpu;

    private Measure(long start, TimeSpan cpu)
    {
        _start = start;
        _cpu = cpu;
    }

    public static Measure Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpu;
}
