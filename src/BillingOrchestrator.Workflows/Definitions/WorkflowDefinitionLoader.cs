using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>
/// On start-up, validates every definition file and records each changed one as a new published version. A broken
/// file is reported (file, JSON path, reason) and never replaces the good version already published.
/// </summary>
public sealed partial class WorkflowDefinitionLoader(
    IServiceScopeFactory scopes,
    WorkflowDefinitionFiles files,
    WorkflowDefinitionParser parser,
    DefinitionLoadReport report,
    ILogger<WorkflowDefinitionLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
        var errors = new List<DefinitionError>();
        foreach (var path in files.List())
        {
            var name = Path.GetFileName(path);
            var json = await File.ReadAllTextAsync(path, cancellationToken);
            var result = parser.Parse(json, name);
            if (result.Definition is not { } definition)
            {
                errors.AddRange(result.Errors);
                foreach (var error in result.Errors)
                {
                    LogInvalid(logger, error.Source, error.Path, error.Message);
                }

                continue;
            }

            var hash = DefinitionContent.Hash(json);
            var published = await store.FindAsync(definition.DefinitionId, VersionSelector.Published, cancellationToken);
            if (published?.ContentHash == hash)
            {
                continue;
            }

            var added = await store.AddPublishedAsync(definition, json, hash, name, cancellationToken);
            LogPublished(logger, added.DefinitionId, added.Version, name);
        }

        report.Set(errors);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow definition refused: {Source}: {Path}: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string source, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow definition {DefinitionId} published as version {Version} from {File}")]
    private static partial void LogPublished(ILogger logger, string definitionId, int version, string file);
}

/// <summary>What the last start-up load refused, for the API and the designer to show.</summary>
public sealed class DefinitionLoadReport
{
    private volatile IReadOnlyList<DefinitionError> _errors = [];

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public void Set(IReadOnlyList<DefinitionError> errors) => _errors = errors;
}
