namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>The header row: which column index holds which known column, and the name the file itself uses for it.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> names;

    public CsvHeader(IReadOnlyList<string> names, List<string> duplicates)
    {
        this.names = names;
        for (var i = 0; i < names.Count; i++)
        {
            var key = Normalize(names[i]);
            if (key.Length > 0 && !indexes.TryAdd(key, i))
            {
                duplicates.Add(names[i]);
            }
        }
    }

    public int Count => names.Count;

    /// <summary>The index of the first accepted name present, or -1.</summary>
    public int IndexOf(CsvColumn column)
    {
        foreach (var name in column.Names)
        {
            if (indexes.TryGetValue(Normalize(name), out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The header as written in the file, for problem reports; the column's first name when absent.</summary>
    public string NameOf(CsvColumn column) => IndexOf(column) is >= 0 and var index ? names[index].Trim() : column.Display;

    private static string Normalize(string name) => string.Join(' ', name.Trim().TrimStart('\uFEFF').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
