using System.Collections.Concurrent;
using System.Diagnostics;

namespace BillingOrchestrator.LoadTest;

/// <summary>Every request's latency by operation, and every unexpected status; summarised as percentiles.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public async Task<HttpResponseMessage> TimeAsync(string operation, Func<Task<HttpResponseMessage>> call)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (HttpRequestException ex)
        {
            Error($"{operation}: {ex.Message}");
            throw;
        }

        if (Recording)
        {
            _samples.GetOrAdd(operation, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Error($"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return response;
    }

    public void Error(string what)
    {
        if (Recording)
        {
            _errors.AddOrUpdate(what.Length > 160 ? what[..160] : what, 1, (_, n) => n + 1);
        }
    }

    public int Count(string operation) => _samples.TryGetValue(operation, out var bag) ? bag.Count : 0;

    public int Requests => _samples.Values.Sum(b => b.Count);

    public int Errors => _errors.Values.Sum();

    public IReadOnlyDictionary<string, int> ErrorKinds => _errors;

    public IEnumerable<(string Operation, int Count, double P50, double P95, double P99, double Max)> Summary() =>
        _samples.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            return (s.Key, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
        });

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
