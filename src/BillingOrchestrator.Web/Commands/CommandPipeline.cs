using System.Text.Json;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Mediator;

namespace BillingOrchestrator.Web.Commands;

/// <summary>
/// Every command passes here: it is validated (400 naming each field, nothing changed), handled, and then appended to
/// the hash-chained audit log with the actor, the action, the subject and the command's own fields.
/// </summary>
public sealed class CommandPipeline<TMessage, TResponse>(IAuditLog audit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IAuditedCommand command)
        {
            return await next(message, cancellationToken);
        }

        var problems = command.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        var response = await next(message, cancellationToken);
        var subject = command.AuditSubject ?? response switch
        {
            WorkflowInstance instance => $"instance:{instance.Id}",
            UserTask task => $"task:{task.Id}",
            StoredDefinition definition => $"definition:{definition.Id}",
            IAuditSubject named => named.AuditSubject,
            _ => null,
        };

        // Recorded after the change committed: an audit entry never describes something that did not happen.
        await audit.AppendAsync(command.Actor.Name, command.AuditAction, subject, JsonSerializer.Serialize(message, message.GetType(), Json), CancellationToken.None);
        return response;
    }
}
