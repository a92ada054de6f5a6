namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>The file is not well-formed CSV at <see cref="Row"/>; nothing after that point can be trusted.</summary>
internal sealed class CsvFormatException(int row, string message) : Exception(message)
{
    public int Row { get; } = row;
}
