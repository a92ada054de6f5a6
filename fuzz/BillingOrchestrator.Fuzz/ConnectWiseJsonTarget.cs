using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;

namespace BillingOrchestrator.Fuzz;

/// <summary>
/// The ConnectWise export-folder importer (<see cref="ConnectWiseExport.ReadAsync"/>) and, when it accepts the folder,
/// the mapper into the Billing domain. The folder holds the fixture site's files; the input's first byte picks which
/// file the rest of the input replaces, so every record type is fuzzed against valid neighbours (references resolve).
/// </summary>
internal sealed class ConnectWiseJsonTarget : IFuzzTarget
{
    public const string Name = "connectwise-json";

    private static readonly string[] Files = [.. ConnectWiseExportFiles.Required, .. ConnectWiseExportFiles.Optional];

    private readonly string folder;
    private readonly Dictionary<string, byte[]> originals = [];

    public ConnectWiseJsonTarget(string repository)
    {
        var site = Path.Combine(repository, "tests", "BillingOrchestrator.Integrations.Tests", "Fixtures", "site");
        folder = Path.Combine(Path.GetTempPath(), $"bo-fuzz-json-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (var file in Files)
        {
            originals[file] = File.ReadAllBytes(Path.Combine(site, file));
            File.WriteAllBytes(Path.Combine(folder, file), originals[file]);
        }
    }

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var file = Files[input[0] % Files.Length];
        var path = Path.Combine(folder, file);
        File.WriteAllBytes(path, input[1..]);
        try
        {
            var read = ConnectWiseExport.ReadAsync(folder, CancellationToken.None).GetAwaiter().GetResult();
            if (read.Value is { } snapshot)
            {
                var mapped = ConnectWiseMapper.MapSnapshot(snapshot, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
                if (mapped.Value is { } billing)
                {
                    _ = ConnectWiseMapper.ToRecords(billing, snapshot);
                }
            }
        }
        finally
        {
            File.WriteAllBytes(path, originals[file]);
        }
    }

    public IEnumerable<(string Name, byte[] Bytes)> Seeds() =>
        Files.Select((file, index) => ($"{index:D2}-{file}", (byte[])[(byte)index, .. originals[file]]));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
