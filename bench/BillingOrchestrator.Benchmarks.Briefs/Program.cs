using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BillingOrchestrator.Benchmarks.Briefs;
using BillingOrchestrator.Evidence.Briefs;

// dotnet run -c Release --project bench/BillingOrchestrator.Benchmarks.Briefs -- [--quick | BenchmarkDotNet arguments]
//   --quick  the first render in a fresh process (fonts and chart warm-up included), then the median of 50 renders
//   otherwise BenchmarkDotNet's default job on RenderGateBrief
if (args.Contains("--quick"))
{
    var watch = Stopwatch.StartNew();
    var renderer = new PdfBriefRenderer();
    var bytes = renderer.Render(GateBrief.Step4()).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"brief {bytes:N0} bytes; first render in a fresh process {watch.Elapsed.TotalMilliseconds:0.0} ms"));
    Measure("with chart", renderer, GateBrief.Step4());
    Measure("without chart (no findings)", renderer, GateBrief.Step4() with { Findings = [] });
    return 0;
}

// Wall time on a shared machine includes waiting for a core; CPU time per render is what the render itself costs.
static void Measure(string label, PdfBriefRenderer renderer, EvidenceBrief brief)
{
    const int Renders = 50;
    var times = new List<double>();
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = new Stopwatch();
    for (var i = 0; i < Renders; i++)
    {
        watch.Restart();
        renderer.Render(brief);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    process.Refresh();
    times.Sort();
    var cpuPerRender = (process.TotalProcessorTime - cpu).TotalMilliseconds / Renders;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label}: wall median {times[Renders / 2]:0.0} ms, p95 {times[(int)(Renders * 0.95)]:0.0} ms, min {times[0]:0.0} ms; CPU {cpuPerRender:0.0} ms per render"));
}

BenchmarkRunner.Run<BriefBenchmarks>(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator), args);
return 0;
