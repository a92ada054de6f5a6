using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Commands;

public sealed record StartInstance(string? DefinitionId, JsonObject? Input, string? CorrelationId, int? Version, WorkflowActor Actor)
    : ICommand<WorkflowInstance>, IAuditedCommand
{
    public string AuditAction => "instances.start";

    public string? AuditSubject => null;

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(DefinitionId))
        {
            yield return ("definitionId", "required: the definition to start");
        }

        if (Version is < 1)
        {
            yield return ("version", "must be 1 or more");
        }

        if (CorrelationId is { Length: > 200 })
        {
            yield return ("correlationId", "must be at most 200 characters");
        }
    }
}

public sealed class StartInstanceHandler(WorkflowInstanceService instances) : ICommandHandler<StartInstance, WorkflowInstance>
{
    public async ValueTask<WorkflowInstance> Handle(StartInstance command, CancellationToken cancellationToken) =>
        await instances.StartAsync(command.DefinitionId!, command.Input, command.CorrelationId, command.Version, command.Actor, cancellationToken);
}

public sealed record CancelInstance(string InstanceId, string? Reason, WorkflowActor Actor) : ICommand<WorkflowInstance>, IAuditedCommand
{
    public string AuditAction => "instances.cancel";

    public string? AuditSubject => $"instance:{InstanceId}";
}

public sealed class CancelInstanceHandler(WorkflowAlterationService alterations) : ICommandHandler<CancelInstance, WorkflowInstance>
{
    public async ValueTask<WorkflowInstance> Handle(CancelInstance command, CancellationToken cancellationToken) =>
        await alterations.CancelAsync(command.InstanceId, command.Reason, command.Actor, cancellationToken);
}

public sealed record RetryInstance(string InstanceId, WorkflowActor Actor) : ICommand<WorkflowInstance>, IAuditedCommand
{
    public string AuditAction => "instances.retry";

    public string? AuditSubject => $"instance:{InstanceId}";
}

public sealed class RetryInstanceHandler(WorkflowAlterationService alterations) : ICommandHandler<RetryInstance, WorkflowInstance>
{
    public async ValueTask<WorkflowInstance> Handle(RetryInstance command, CancellationToken cancellationToken) =>
        await alterations.RetryAsync(command.InstanceId, command.Actor, cancellationToken);
}

public sealed record MigrateInstance(string InstanceId, int? TargetVersion, WorkflowActor Actor) : ICommand<WorkflowInstance>, IAuditedCommand
{
    public string AuditAction => "instances.migrate";

    public string? AuditSubject => $"instance:{InstanceId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (TargetVersion is < 1)
        {
            yield return ("targetVersion", "must be 1 or more");
        }
    }
}

public sealed class MigrateInstanceHandler(WorkflowAlterationService alterations) : ICommandHandler<MigrateInstance, WorkflowInstance>
{
    public async ValueTask<WorkflowInstance> Handle(MigrateInstance command, CancellationToken cancellationToken) =>
        await alterations.MigrateAsync(command.InstanceId, command.TargetVersion, command.Actor, cancellationToken);
}

public sealed record PublishEvent(string? Name, string? InstanceId, string? CorrelationId, JsonNode? Payload, WorkflowActor Actor)
    : ICommand<IReadOnlyList<string>>, IAuditedCommand
{
    public string AuditAction => "events.publish";

    public string? AuditSubject => Name is null ? null : $"event:{Name}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return ("name", "required: the event name the workflows wait for");
        }
    }
}

public sealed class PublishEventHandler(WorkflowInstanceService instances) : ICommandHandler<PublishEvent, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(PublishEvent command, CancellationToken cancellationToken) =>
        await instances.PublishEventAsync(command.Name!, command.InstanceId, command.CorrelationId, command.Payload, command.Actor, cancellationToken);
}
