using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Commands;

public sealed record SaveDefinitionDraft(string Json, WorkflowActor Actor) : ICommand<StoredDefinition>, IAuditedCommand
{
    public string AuditAction => "definitions.save-draft";

    public string? AuditSubject => null;

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Json))
        {
            yield return ("body", "required: the definition JSON");
        }
    }
}

public sealed class SaveDefinitionDraftHandler(WorkflowDefinitionService definitions) : ICommandHandler<SaveDefinitionDraft, StoredDefinition>
{
    public async ValueTask<StoredDefinition> Handle(SaveDefinitionDraft command, CancellationToken cancellationToken) =>
        await definitions.SaveDraftAsync(command.Json, command.Actor.Name, cancellationToken);
}

public sealed record PublishDefinition(string DefinitionId, int? Version, WorkflowActor Actor) : ICommand<StoredDefinition>, IAuditedCommand
{
    public string AuditAction => "definitions.publish";

    public string? AuditSubject => Version is null ? $"definition:{DefinitionId}" : $"definition:{DefinitionId}:v{Version}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Version is < 1)
        {
            yield return ("version", "must be 1 or more");
        }
    }
}

public sealed class PublishDefinitionHandler(WorkflowDefinitionService definitions) : ICommandHandler<PublishDefinition, StoredDefinition>
{
    public async ValueTask<StoredDefinition> Handle(PublishDefinition command, CancellationToken cancellationToken) =>
        await definitions.PublishAsync(command.DefinitionId, command.Version, command.Actor.Name, cancellationToken);
}
