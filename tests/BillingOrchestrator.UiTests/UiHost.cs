using BillingOrchestrator.Testing;

namespace BillingOrchestrator.UiTests;

/// <summary>The real product on a loopback Kestrel port over a fresh SQLite database, with demo users and the repository's definitions.</summary>
public class UiHost() : ProductHost(TestDatabaseKind.Sqlite)
{
    protected override bool RealServer => true;

    protected override void AddWorkflows(string directory)
    {
        var repository = StartedProduct.RepositoryRoot();
        foreach (var file in Directory.GetFiles(Path.Combine(repository, "workflows"), "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }
    }
}

/// <summary>The same, with the demo MSP's PSA data loaded: what the dashboards read.</summary>
public sealed class UiDemoHost : UiHost
{
    protected override bool LoadDemoData => true;
}
