namespace BillingOrchestrator.Integrations.Import;

/// <summary>
/// One reason an import was refused: the file, the row (1-based array index in a JSON file, spreadsheet row in a CSV
/// file where the header is row 1; 0 for the file as a whole), the field or column, and why.
/// </summary>
public sealed record ImportProblem(string File, int Row, string Field, string Reason)
{
    public override string ToString() => Row == 0 ? $"{File}: {Field}: {Reason}" : $"{File} row {Row}, {Field}: {Reason}";
}
