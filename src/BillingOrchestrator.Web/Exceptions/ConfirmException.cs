using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>The second approver confirms (or rejects, reopening) a disposition above the materiality threshold.</summary>
public sealed record ConfirmException(string ExceptionId, bool? Accept, string? Comment, long? ExpectedRevision, WorkflowActor Actor)
    : ICommand<ExceptionView>, IAuditedCommand
{
    public string AuditAction => "exceptions.confirm";

    public string? AuditSubject => $"exception:{ExceptionId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Accept == false && string.IsNullOrWhiteSpace(Comment))
        {
            yield return ("comment", "required when rejecting: why the disposition does not stand");
        }

        if (Comment is { Length: > 2_000 })
        {
            yield return ("comment", "at most 2,000 characters");
        }
    }
}

public sealed class ConfirmExceptionHandler(BillingDbContext db, IOptions<ExceptionOptions> options, TimeProvider time) : ICommandHandler<ConfirmException, ExceptionView>
{
    public async ValueTask<ExceptionView> Handle(ConfirmException command, CancellationToken cancellationToken)
    {
        var exception = await ExceptionLoad.GetAsync(db, command.ExceptionId, cancellationToken);
        var confirmers = options.Value.ConfirmersOf(exception);
        if (!confirmers.Any(command.Actor.InRole))
        {
            throw new WorkflowForbiddenException(
                $"Exception {exception.Id} is routed to {exception.RoutedRole} ({exception.RoutedBy}); only {string.Join(" or ", confirmers)} may confirm it, and you hold none of these roles.");
        }

        ExceptionLoad.CheckRevision(exception, command.ExpectedRevision);
        var decision = ExceptionLoad.Apply(() => exception.Confirm(command.Accept ?? true, command.Comment, command.Actor.Name, time.GetUtcNow()));
        db.Add(decision);
        await ExceptionLoad.SaveAsync(db, exception, cancellationToken);
        return ExceptionView.From(exception, options.Value.MaterialityThreshold, time.GetUtcNow(), withHistory: true);
    }
}
