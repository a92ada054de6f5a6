using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>Releases a cycle's invoice batch once every exception in it has a final disposition; produces the accounting export.</summary>
public sealed record ReleaseInvoiceBatch(string BatchId, WorkflowActor Actor) : ICommand<InvoiceBatchView>, IAuditedCommand
{
    public string AuditAction => "invoice-batches.release";

    public string? AuditSubject => $"invoice-batch:{BatchId}";
}

public sealed class ReleaseInvoiceBatchHandler(BillingDbContext db, SystemArtefacts artefacts, TimeProvider time) : ICommandHandler<ReleaseInvoiceBatch, InvoiceBatchView>
{
    /// <summary>The controls the accounting export and the write-off list are filed under.</summary>
    public static IReadOnlyList<string> FiledControls { get; } = [EvidenceControls.ExceptionApprovals, EvidenceControls.FinancialTelemetry];

    public async ValueTask<InvoiceBatchView> Handle(ReleaseInvoiceBatch command, CancellationToken cancellationToken)
    {
        var batch = await db.Set<InvoiceBatch>().FirstOrDefaultAsync(b => b.Id == command.BatchId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Invoice batch {command.BatchId} does not exist.");
        if (batch.Released)
        {
            throw new WorkflowConflictException($"Invoice batch {batch.Id} was already released by {batch.ReleasedBy}.");
        }

        var exceptions = await db.Set<BillingException>().AsNoTracking().Where(e => e.InstanceId == batch.InstanceId).ToListAsync(cancellationToken);
        var open = exceptions.Where(e => !e.IsFinal).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        if (open.Count > 0)
        {
            throw new WorkflowConflictException(
                $"Invoice batch {batch.Id} cannot be released: {open.Count} exception(s) lack a final disposition.",
                new Dictionary<string, object?> { ["openExceptionIds"] = open });
        }

        var billed = exceptions.Where(e => e.Disposition == Disposition.Bill).ToList();
        var writtenOff = exceptions.Where(e => e.Disposition == Disposition.WriteOff).ToList();
        var source = $"/api/invoice-batches/{batch.Id}";
        var export = await artefacts.CaptureAsync(
            $"batch:{batch.Id}:export", batch.InstanceId, batch.ActivityId, $"accounting-export-{batch.Id}.csv", AccountingExport.Csv(billed), "text/csv", source,
            FiledControls, cancellationToken);
        var writeOffs = await artefacts.CaptureAsync(
            $"batch:{batch.Id}:write-offs", batch.InstanceId, batch.ActivityId, $"write-offs-{batch.Id}.csv", AccountingExport.Csv(writtenOff), "text/csv", source,
            FiledControls, cancellationToken);
        batch.Release(command.Actor.Name, time.GetUtcNow(), export.Sha256!, writeOffs.Sha256!, billed, writtenOff);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowConflictException($"Invoice batch {batch.Id} was released by someone else at the same moment.");
        }

        Observability.ProductTelemetry.Export("accounting-batch");

        return InvoiceBatchView.From(batch, exceptions.Count, 0);
    }
}
