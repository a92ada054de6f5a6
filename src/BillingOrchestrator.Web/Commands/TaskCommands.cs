using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Mediator;

namespace BillingOrchestrator.Web.Commands;

/// <summary>Claim, release, assign or complete a task, as one audited command.</summary>
public sealed record ChangeTask(
    string TaskId,
    string Change,
    long? ExpectedRevision,
    string? OperationId,
    string? Assignee,
    string? Outcome,
    JsonObject? Data,
    string? Comment,
    WorkflowActor Actor) : ICommand<UserTask>, IAuditedCommand
{
    public static readonly string[] Changes = ["claim", "release", "assign", "complete"];

    public string AuditAction => $"tasks.{Change}";

    public string? AuditSubject => $"task:{TaskId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (ExpectedRevision is null)
        {
            yield return ("expectedRevision", "required: the task revision your change is based on");
        }

        if (string.IsNullOrWhiteSpace(OperationId) || OperationId.Length > 100)
        {
            yield return ("operationId", "required: a client-chosen id of at most 100 characters that makes a resend harmless");
        }

        if (Change == "assign" && string.IsNullOrWhiteSpace(Assignee))
        {
            yield return ("assignee", "required: the user to assign the task to");
        }

        if (Change == "complete" && string.IsNullOrWhiteSpace(Outcome))
        {
            yield return ("outcome", "required: one of the task's outcomes");
        }
    }
}

public sealed partial class ChangeTaskHandler(UserTaskService tasks, IUserTaskStore taskStore, GateBriefs briefs, GateGuard guard, ILogger<ChangeTaskHandler> logger) : ICommandHandler<ChangeTask, UserTask>
{
    public async ValueTask<UserTask> Handle(ChangeTask command, CancellationToken cancellationToken)
    {
        if (command.Change == "complete" && await taskStore.FindAsync(command.TaskId, cancellationToken) is { IsOpen: true } open
            && (open.Role is null || command.Actor.InRole(open.Role) || command.Actor.IsAdmin || open.Assignee == command.Actor.Name))
        {
            await guard.CheckCompletionAsync(open, command.Outcome!, command.Actor, cancellationToken);
            if (open.Kind == UserTaskKinds.QualityGate && command.Outcome == QualityGateActivity.Approved)
            {
                await briefs.CheckApprovalAsync(open, command.Data, command.Actor.Name, cancellationToken);
            }
        }

        var changed = await ChangeAsync(command, cancellationToken);
        if (GateBriefs.IsApprovedGate(changed))
        {
            try
            {
                await briefs.GenerateAsync(changed, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The approval is committed; the brief can be generated again on demand (POST .../briefs).
                LogBriefFailed(logger, ex, changed.Id);
            }
        }

        return changed;
    }

    private async Task<UserTask> ChangeAsync(ChangeTask command, CancellationToken cancellationToken)
    {
        var revision = command.ExpectedRevision!.Value;
        var operation = command.OperationId!;
        return command.Change switch
        {
            "claim" => await tasks.ClaimAsync(command.TaskId, new ClaimTask(revision, operation), command.Actor, cancellationToken),
            "release" => await tasks.ReleaseAsync(command.TaskId, new ReleaseTask(revision, operation), command.Actor, cancellationToken),
            "assign" => await tasks.AssignAsync(command.TaskId, new AssignTask(revision, operation, command.Assignee!), command.Actor, cancellationToken),
            "complete" => await tasks.CompleteAsync(command.TaskId, new CompleteTask(revision, operation, command.Outcome!, command.Data, command.Comment), command.Actor, cancellationToken),
            _ => throw new WorkflowValidationException("change", $"must be one of {string.Join(", ", ChangeTask.Changes)}"),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Generating the evidence brief for approved gate task {TaskId} failed")]
    private static partial void LogBriefFailed(ILogger logger, Exception exception, string taskId);
}
