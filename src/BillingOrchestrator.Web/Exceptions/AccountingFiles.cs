using System.Text;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Accounting;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>One file for the accounting platform: <see cref="Key"/> names it for evidence and for the API.</summary>
public sealed record AccountingFile(string Key, string FileName, byte[] Content);

/// <summary>
/// The accounting files of a released invoice batch, built from its closed exceptions: the generic export and
/// write-off list, the QuickBooks Online and Xero invoice imports, and the write-off journal. Built from the final
/// dispositions and the release date only, so the same batch always gives the same bytes (and the same SHA-256 as the
/// evidence filed at release).
/// </summary>
public sealed class AccountingFiles(BillingDbContext db, BillingDataStore data, IOptions<AccountingFormatOptions> options)
{
    public const string Generic = "generic";
    public const string WriteOffs = "write-offs";
    public const string QuickBooks = "quickbooks";
    public const string Xero = "xero";
    public const string Journal = "write-off-journal";

    /// <summary>The invoice formats <c>GET /api/invoice-batches/{id}/export/{format}</c> serves.</summary>
    public static IReadOnlyList<string> InvoiceFormats { get; } = [Generic, QuickBooks, Xero];

    public async Task<IReadOnlyList<BillingException>> ClosedExceptionsAsync(InvoiceBatch batch, CancellationToken cancellationToken) =>
        await db.Set<BillingException>().AsNoTracking().Where(e => e.InstanceId == batch.InstanceId && e.Status == ExceptionStatus.Closed).ToListAsync(cancellationToken);

    /// <summary>Every file for <paramref name="batch"/> released at <paramref name="releasedAt"/>, from its closed exceptions.</summary>
    public async Task<IReadOnlyList<AccountingFile>> BuildAsync(InvoiceBatch batch, IReadOnlyList<BillingException> closed, DateTimeOffset releasedAt, CancellationToken cancellationToken)
    {
        var billed = closed.Where(e => e.Disposition == Disposition.Bill).ToList();
        var writtenOff = closed.Where(e => e.Disposition == Disposition.WriteOff).ToList();
        var companies = (await data.AllAsync<Company>(EntityKind.Company, cancellationToken)).ToDictionary(c => c.Id, c => c.Name);
        AccountingLine Line(BillingException e) => AccountingLine.From(e, companies.GetValueOrDefault(e.CompanyId), ExceptionView.FindingLinkOf(e));
        var accounting = new AccountingBatch(batch.Id, DateOnly.FromDateTime(releasedAt.UtcDateTime), [.. billed.Select(Line)], [.. writtenOff.Select(Line)]);
        var settings = options.Value;
        return
        [
            new(Generic, $"accounting-export-{batch.Id}.csv", AccountingExport.Csv(billed)),
            new(WriteOffs, $"write-offs-{batch.Id}.csv", AccountingExport.Csv(writtenOff)),
            new(QuickBooks, $"quickbooks-invoices-{batch.Id}.csv", Encoding.UTF8.GetBytes(QuickBooksInvoiceCsv.Write(accounting, settings))),
            new(Xero, $"xero-invoices-{batch.Id}.csv", Encoding.UTF8.GetBytes(XeroInvoiceCsv.Write(accounting, settings))),
            new(Journal, $"write-off-journal-{batch.Id}.csv", Encoding.UTF8.GetBytes(WriteOffJournalCsv.Write(accounting, settings))),
        ];
    }

    /// <summary>One file of a released batch; 404 for an unknown batch, 409 before release.</summary>
    public async Task<AccountingFile> GetAsync(string batchId, string key, CancellationToken cancellationToken)
    {
        var batch = await db.Set<InvoiceBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Invoice batch {batchId} does not exist.");
        if (!batch.Released || batch.ReleasedAt is not { } releasedAt)
        {
            throw new WorkflowConflictException($"Invoice batch {batch.Id} is not released yet: its accounting files exist once every exception has a final disposition and the batch is released.");
        }

        var files = await BuildAsync(batch, await ClosedExceptionsAsync(batch, cancellationToken), releasedAt, cancellationToken);
        return files.Single(f => f.Key == key);
    }
}
