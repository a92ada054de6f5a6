using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// Turns every finding of a validation run into a routed exception and opens the cycle's invoice batch, in one
/// transaction. Asking again for the same instance returns what was recorded, so a replayed step adds nothing.
/// </summary>
public sealed class ExceptionRegister(BillingDbContext db, CatalogStore catalogs, SourceLinks links, IOptions<ExceptionOptions> options, TimeProvider time)
{
    public async Task<InvoiceBatch> OpenAsync(string instanceId, string activityId, string runId, CancellationToken cancellationToken)
    {
        if (await db.Set<InvoiceBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.InstanceId == instanceId, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (!await db.Set<ValidationRunRow>().AnyAsync(r => r.Id == runId, cancellationToken))
        {
            throw new WorkflowConflictException($"Validation run {runId} does not exist: run the pre-invoice checks (step 3) first.");
        }

        var catalog = await catalogs.LoadCatalogAsync(cancellationToken);
        var rows = await db.Set<ValidationFindingRow>().AsNoTracking().Where(f => f.RunId == runId).OrderBy(f => f.Sequence).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var routing = options.Value.Routing;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            var finding = BillingJson.Deserialize<Finding>(row.FindingJson);
            var owner = finding.AgreementId is { } agreement ? catalog.OwnerOf(agreement) : null;
            var amount = finding.AmountAtRisk.Amount;
            var (role, because) = routing.Route(row.Category, owner, amount);
            var (dueIn, _) = options.Value.DueDates.For(row.Category, amount);
            db.Add(new BillingException
            {
                Id = $"{runId[..Math.Min(12, runId.Length)]}-{row.Sequence:D5}",
                InstanceId = instanceId,
                RunId = runId,
                FindingSequence = row.Sequence,
                CheckId = row.CheckId,
                Category = row.Category,
                Severity = row.Severity,
                CompanyId = row.CompanyId,
                AgreementId = row.AgreementId,
                ServiceLine = finding.ServiceLine,
                CustomerOwner = owner,
                AmountCents = (long)decimal.Round(amount * 100m, MidpointRounding.ToEven),
                Message = finding.Message,
                SourceLinks = [.. finding.Records.Select(links.For)],
                RoutedRole = role,
                RoutedBy = because,
                DueAt = now + dueIn,
                CreatedAt = now,
            });
        }

        var batch = new InvoiceBatch { Id = Guid.CreateVersion7().ToString("N"), InstanceId = instanceId, ActivityId = activityId, RunId = runId, CreatedAt = now };
        db.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }
}
