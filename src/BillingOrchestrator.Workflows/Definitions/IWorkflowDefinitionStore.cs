namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>Versioned definitions. Implementations keep exactly one latest and at most one published version per definition.</summary>
public interface IWorkflowDefinitionStore
{
    Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector version, CancellationToken cancellationToken);

    /// <summary>The latest version of every definition.</summary>
    Task<IReadOnlyList<StoredDefinition>> ListLatestAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>Saves a draft: overwrites the latest version if it is an unpublished draft, otherwise adds a new latest version.</summary>
    Task<StoredDefinition> SaveDraftAsync(WorkflowDefinition definition, string json, string contentHash, string actor, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="version"/> the one published version.</summary>
    Task<StoredDefinition> PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken);

    /// <summary>Adds a new published, latest version (used when a definition file changed).</summary>
    Task<StoredDefinition> AddPublishedAsync(WorkflowDefinition definition, string json, string contentHash, string source, CancellationToken cancellationToken);
}
