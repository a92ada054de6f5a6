using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>Dispositions an exception (bill, write off, reclassify, accept as covered, fix in PSA) with a documented reason.</summary>
public sealed record DispositionException(string ExceptionId, Disposition? Disposition, string? Reason, long? ExpectedRevision, WorkflowActor Actor)
    : ICommand<ExceptionView>, IAuditedCommand
{
    public string AuditAction => "exceptions.disposition";

    public string? AuditSubject => $"exception:{ExceptionId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Disposition is null)
        {
            yield return ("disposition", "required: one of bill, write-off, reclassify, accept-as-covered, fix-in-psa");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            yield return ("reason", "required: the documented reason for this disposition");
        }
        else if (Reason.Length > 2_000)
        {
            yield return ("reason", "at most 2,000 characters");
        }
    }
}

public sealed class DispositionExceptionHandler(BillingDbContext db, IOptions<ExceptionOptions> options, TimeProvider time) : ICommandHandler<DispositionException, ExceptionView>
{
    public async ValueTask<ExceptionView> Handle(DispositionException command, CancellationToken cancellationToken)
    {
        var exception = await ExceptionLoad.GetAsync(db, command.ExceptionId, cancellationToken);
        if (!ExceptionQueries.MayDisposition(command.Actor, exception.RoutedRole))
        {
            throw new WorkflowForbiddenException($"Exception {exception.Id} is routed to {exception.RoutedRole} ({exception.RoutedBy}); you are not in that role.");
        }

        ExceptionLoad.CheckRevision(exception, command.ExpectedRevision);
        var threshold = options.Value.MaterialityThreshold;
        var decision = ExceptionLoad.Apply(() => exception.Decide(command.Disposition!.Value, command.Reason!, command.Actor.Name, threshold, time.GetUtcNow()));
        db.Add(decision);
        await ExceptionLoad.SaveAsync(db, exception, cancellationToken);
        return ExceptionView.From(exception, threshold, time.GetUtcNow(), withHistory: true);
    }
}

/// <summary>Loading and saving exceptions with the same refusals everywhere: 404, stale revision and state conflicts as 409.</summary>
internal static class ExceptionLoad
{
    public static async Task<BillingException> GetAsync(BillingDbContext db, string id, CancellationToken cancellationToken) =>
        await db.Set<BillingException>().Include(e => e.History).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Exception {id} does not exist.");

    public static void CheckRevision(BillingException exception, long? expected)
    {
        if (expected is { } revision && revision != exception.Revision)
        {
            throw new WorkflowConflictException($"Exception {exception.Id} is at revision {exception.Revision}, not {revision}: someone decided first. Reload and try again.");
        }
    }

    public static ExceptionDecision Apply(Func<ExceptionDecision> decide)
    {
        try
        {
            return decide();
        }
        catch (ExceptionStateException refused)
        {
            throw new WorkflowConflictException(refused.Message);
        }
    }

    public static async Task SaveAsync(BillingDbContext db, BillingException exception, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new WorkflowConflictException($"Exception {exception.Id} changed while this decision was being saved. Reload and try again.");
        }
    }
}
