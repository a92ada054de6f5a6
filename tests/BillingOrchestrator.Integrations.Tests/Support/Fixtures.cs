using System.Text.Json.Nodes;

namespace BillingOrchestrator.Integrations.Tests.Support;

/// <summary>The fixture site: one JSON file per export file, in the shapes ConnectWise returns (with <c>_info</c>).</summary>
public static class Fixtures
{
    public static string SiteFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "site");

    public static JsonArray Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(SiteFolder, file)))!.AsArray();

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    public static string FilePath(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);

    /// <summary>A fresh copy of the fixture site in a temporary folder, for tests that damage it.</summary>
    public static TempFolder CopySite()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(SiteFolder))
        {
            File.Copy(file, Path.Combine(folder.Path, System.IO.Path.GetFileName(file)));
        }

        return folder;
    }
}
