using BenchmarkDotNet.Attributes;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Benchmarks.Briefs;

[MemoryDiagnoser]
public class BriefBenchmarks
{
    private readonly EvidenceBrief _brief = GateBrief.Step4();
    private PdfBriefRenderer _renderer = null!;

    [GlobalSetup]
    public void Setup() => _renderer = new PdfBriefRenderer();

    /// <summary>One gate's brief, chart included, from data to PDF bytes.</summary>
    [Benchmark]
    public int RenderGateBrief() => _renderer.Render(_brief).Length;
}
