using System.Text;

namespace BillingOrchestrator.Billing.Tests.Accounting;

/// <summary>An independent RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes), to read the files back.</summary>
internal static class CsvRows
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        quoted.ShouldBeFalse("an unterminated quoted field");
        (row.Count == 0 && cell.Length == 0).ShouldBeTrue("the last row ends with CRLF");
        return rows;
    }

    /// <summary>Rows as dictionaries keyed by the header row.</summary>
    public static List<Dictionary<string, string>> Records(string text)
    {
        var rows = Parse(text);
        rows.Skip(1).ShouldAllBe(r => r.Length == rows[0].Length);
        return [.. rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }
}
