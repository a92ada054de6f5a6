using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>Time entries validated per second: the snapshot's entry count over the mean time of one run.</summary>
internal sealed class EntriesPerSecondColumn(int entries) : IColumn
{
    public string Id => nameof(EntriesPerSecondColumn);

    public string ColumnName => "Entries/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Time entries per second: entries in the snapshot divided by the mean time of one call";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats ? (entries / (stats.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
