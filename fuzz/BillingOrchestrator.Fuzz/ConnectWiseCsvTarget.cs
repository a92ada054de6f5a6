using System.Text;
using BillingOrchestrator.Integrations.ConnectWise.Csv;

namespace BillingOrchestrator.Fuzz;

/// <summary>
/// The ConnectWise CSV importer. The input's first byte picks the file kind (bit 0: time entries or agreements) and the
/// importer's time zone (bit 1: UTC or America/New_York, whose daylight-saving gaps make some local times not exist);
/// the rest is the file, read as UTF-8 like <see cref="ConnectWiseCsvImporter.ReadTimeEntriesAsync"/> does.
/// </summary>
internal sealed class ConnectWiseCsvTarget(string repository) : IFuzzTarget
{
    public const string Name = "connectwise-csv";

    private readonly ConnectWiseCsvImporter utc = new();
    private readonly ConnectWiseCsvImporter newYork = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var importer = (input[0] & 2) == 0 ? utc : newYork;
        using var reader = new StringReader(Encoding.UTF8.GetString(input, 1, input.Length - 1));
        _ = (input[0] & 1) == 0 ? importer.ReadTimeEntries(reader, "time-entries.csv").Problems.Count : importer.ReadAgreements(reader, "agreements.csv").Problems.Count;
    }

    public IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var csv = Path.Combine(repository, "tests", "BillingOrchestrator.Integrations.Tests", "Fixtures", "csv");
        var timeEntries = File.ReadAllBytes(Path.Combine(csv, "time-entries.csv"));
        var agreements = File.ReadAllBytes(Path.Combine(csv, "agreements.csv"));
        yield return ("time-entries-utc.csv", [0, .. timeEntries]);
        yield return ("agreements-utc.csv", [1, .. agreements]);
        yield return ("time-entries-new-york.csv", [2, .. timeEntries]);
        yield return ("agreements-new-york.csv", [3, .. agreements]);
    }

    public void Dispose()
    {
    }
}
