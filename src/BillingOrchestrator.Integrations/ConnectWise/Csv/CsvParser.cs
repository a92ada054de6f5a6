using System.Text;

namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>
/// An RFC 4180 reader: comma-separated, fields optionally in double quotes, <c>""</c> for a quote inside one, line
/// breaks (CRLF, LF or CR) allowed inside quoted fields. Blank lines are skipped. Malformed input (a stray quote, an
/// unclosed quote) raises <see cref="CsvFormatException"/> rather than guessing.
/// </summary>
internal static class CsvParser
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var line = 1;
        var inQuotes = false;
        var afterQuote = false;
        var started = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    started = true;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    inQuotes = true;
                    started = true;
                    break;
                case '"':
                    throw new CsvFormatException(row, $"a quote in the middle of a field (line {line}): quote the whole field and double the quotes inside it");
                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    if (started || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(row, fields.ToArray());
                        row++;
                    }

                    fields.Clear();
                    field.Clear();
                    afterQuote = false;
                    started = false;
                    line++;
                    break;
                case ' ' or '\t' when afterQuote:
                    break;
                default:
                    if (afterQuote)
                    {
                        throw new CsvFormatException(row, $"text after a closing quote (line {line}): quote the whole field and double the quotes inside it");
                    }

                    field.Append(c);
                    started = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(row, "a quoted field is never closed");
        }

        if (started || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(row, fields.ToArray());
        }
    }
}
