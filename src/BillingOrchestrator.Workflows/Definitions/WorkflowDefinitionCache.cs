using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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
    private readonly ConcurrentDictionary<string, int> _publishedVersion = new(StringComparer.Ordinal);

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

    /// <summary>A version of <paramref name="definitionId"/> that has been published (a published version never changes, nor stops having been published).</summary>
    internal bool TryGetPublished(string definitionId, int version, [NotNullWhen(true)] out WorkflowDefinition? definition) =>
        _byVersion.TryGetValue((definitionId, version), out definition);

    /// <summary>
    /// The version last seen as the published one. Only a guess: another version may have been published since, so a
    /// caller must check it in the transaction that relies on it (as <see cref="WorkflowInstanceService.StartAsync"/> does).
    /// </summary>
    internal bool TryGetLastPublished(string definitionId, [NotNullWhen(true)] out WorkflowDefinition? definition)
    {
        definition = null;
        return _publishedVersion.TryGetValue(definitionId, out var version) && _byVersion.TryGetValue((definitionId, version), out definition);
    }

    internal void NotePublished(string definitionId, int version) => _publishedVersion[definitionId] = version;

    internal void ForgetPublished(string definitionId) => _publishedVersion.TryRemove(definitionId, out _);
}
