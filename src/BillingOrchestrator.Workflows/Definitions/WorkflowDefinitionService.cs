using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>Saving drafts and publishing versions. Publishing writes the definition file, keeping files and database in step.</summary>
public sealed class WorkflowDefinitionService(IWorkflowDefinitionStore store, WorkflowDefinitionParser parser, WorkflowDefinitionFiles files)
{
    public async Task<StoredDefinition> SaveDraftAsync(string json, string actor, CancellationToken cancellationToken)
    {
        var result = parser.Parse(json, "request body");
        if (result.Definition is not { } definition)
        {
            throw new WorkflowValidationException(result.Errors.Select(e => (e.Path, e.Message)).ToList());
        }

        return await store.SaveDraftAsync(definition, json, DefinitionContent.Hash(json), actor, cancellationToken);
    }

    public async Task<StoredDefinition> PublishAsync(string definitionId, int? version, string actor, CancellationToken cancellationToken)
    {
        var target = await store.FindAsync(definitionId, version is { } v ? VersionSelector.Exactly(v) : VersionSelector.Latest, cancellationToken)
            ?? throw new WorkflowNotFoundException(version is null ? $"No definition '{definitionId}'." : $"Definition '{definitionId}' has no version {version}.");
        var published = await store.PublishAsync(definitionId, target.Version, actor, cancellationToken);
        await files.WriteAsync(definitionId, published.Json, cancellationToken);
        return published;
    }
}
