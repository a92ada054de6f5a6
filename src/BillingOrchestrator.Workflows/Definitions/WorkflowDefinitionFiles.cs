using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>The folder of definition files admins edit: the source of truth the database versions follow.</summary>
public sealed class WorkflowDefinitionFiles(IOptions<WorkflowRuntimeOptions> options, IHostEnvironment environment)
{
    public string Directory { get; } = ResolveDirectory(options.Value.Directory, environment.ContentRootPath);

    public IEnumerable<string> List() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Writes a published definition back to its file (atomically), so the next start-up sees no change.</summary>
    public async Task WriteAsync(string definitionId, string json, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, definitionId + ".json");
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, json + "\n", cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    private static string ResolveDirectory(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BillingOrchestrator.sln")))
                {
                    return Path.Combine(dir.FullName, "workflows");
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}
