using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>Releases a cycle's invoice batch once every exception in it has a final disposition; files the accounting export, the QuickBooks Online and Xero invoice imports and the write-off journal as evidence.</summary>
public sealed record ReleaseInvoiceBatch(string BatchId, WorkflowActor Actor) : ICommand<InvoiceBatchView>, IAuditedCommand
{
    public string AuditAction => "invoice-batches.release";

    public string? AuditSubject => $"invoice-batch:{BatchId}";
}

public sealed class ReleaseInvoiceBatchHandler(BillingDbContext db, SystemArtefacts artefacts, AccountingFiles accounting, TimeProvider time) : ICommandHandler<ReleaseInvoiceBatch, InvoiceBatchView>
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
        var now = time.GetUtcNow();
        var source = $"/api/invoice-batches/{batch.Id}";
        var filed = new Dictionary<string, EvidenceItem>(StringComparer.Ordinal);
        foreach (var file in await accounting.BuildAsync(batch, exceptions, now, cancellationToken))
        {
            // The generic files keep their original evidence keys, so a release replayed across this change finds them.
            var key = file.Key switch { AccountingFiles.Generic => "export", var other => other };
            filed[file.Key] = await artefacts.CaptureAsync(
                $"batch:{batch.Id}:{key}", batch.InstanceId, batch.ActivityId, file.FileName, file.Content, "text/csv", source,
                FiledControls, cancellationToken);
        }

        batch.Release(command.Actor.Name, now, filed[AccountingFiles.Generic].Sha256!, filed[AccountingFiles.WriteOffs].Sha256!, billed, writtenOff);
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
