namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>A column the importer understands, under any of its accepted header names (compared ignoring case and spacing).</summary>
internal sealed class CsvColumn(params string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public string Display => Names[0];

    public override string ToString() => string.Join(" | ", Names.Select(n => "\"" + n + "\""));
}
