using System.Collections.Concurrent;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>
/// Parsed published definitions by (id, version). Published versions never change, so entries never go stale; the
/// number of versions stored does not affect lookups.
/// </summary>
public sealed class WorkflowDefinitionCache(IServiceScopeFactory scopes, WorkflowDefinitionParser parser)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _byVersion = new();

    public async ValueTask<WorkflowDefinition> GetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue((definitionId, version), out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
        var stored = await store.FindAsync(definitionId, VersionSelector.Exactly(version), cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' has no version {version}.");
        var parsed = parser.ParseOrThrow(stored.Json, $"{definitionId} v{version}").WithVersion(version);
        if (stored.PublishedAt is not null)
        {
            _byVersion[(definitionId, version)] = parsed;
        }

        return parsed;
    }
}
