namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>One CSV record: its spreadsheet row (the header is row 1) and its fields, unquoted.</summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);
