using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>What to list: every filter of <c>GET /api/exceptions</c>, unset ones ignored.</summary>
public sealed record ExceptionFilter(
    string? InstanceId = null,
    ExceptionStatus? Status = null,
    string? Role = null,
    string? Category = null,
    int? CompanyId = null,
    Disposition? Disposition = null,
    bool? Overdue = null);

/// <summary>
/// The reads behind <c>GET /api/exceptions</c> and <c>GET /api/invoice-batches</c>, shared by the endpoints and the
/// step-4 pages, with the rule the server applies to who may act on an exception, so the pages offer only what the
/// commands accept.
/// </summary>
public sealed class ExceptionQueries(BillingDbContext db, IOptions<ExceptionOptions> options, TimeProvider time)
{
    public decimal MaterialityThreshold => options.Value.MaterialityThreshold;

    public async Task<PageResponse<ExceptionView>> ListAsync(ExceptionFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Set<BillingException>().AsNoTracking();
        query = filter.InstanceId is null ? query : query.Where(e => e.InstanceId == filter.InstanceId);
        query = filter.Status is { } s ? query.Where(e => e.Status == s) : query;
        query = filter.Role is null ? query : query.Where(e => e.RoutedRole == filter.Role);
        query = filter.Category is null ? query : query.Where(e => e.Category == filter.Category);
        query = filter.CompanyId is null ? query : query.Where(e => e.CompanyId == filter.CompanyId);
        query = filter.Disposition is { } d ? query.Where(e => e.Disposition == d) : query;
        query = filter.Overdue is null ? query
            : filter.Overdue.Value ? query.Where(e => e.Status == ExceptionStatus.Open && e.DueAt != null && e.DueAt <= now)
            : query.Where(e => e.Status != ExceptionStatus.Open || e.DueAt == null || e.DueAt > now);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PageResponse<ExceptionView>([.. items.Select(e => ExceptionView.From(e, options.Value.MaterialityThreshold, now, withHistory: false))], page, pageSize, total);
    }

    public async Task<ExceptionView?> FindAsync(string id, CancellationToken cancellationToken) =>
        await db.Set<BillingException>().AsNoTracking().Include(e => e.History).FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } exception
            ? ExceptionView.From(exception, options.Value.MaterialityThreshold, time.GetUtcNow(), withHistory: true)
            : null;

    /// <summary>The categories and cycles exceptions exist for: what the page's filters offer.</summary>
    public async Task<(IReadOnlyList<string> Categories, IReadOnlyList<string> InstanceIds)> FacetsAsync(CancellationToken cancellationToken)
    {
        var categories = await db.Set<BillingException>().AsNoTracking().Select(e => e.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        var instances = await db.Set<InvoiceBatch>().AsNoTracking().OrderByDescending(b => b.CreatedAt).Select(b => b.InstanceId).Take(100).ToListAsync(cancellationToken);
        return (categories, instances);
    }

    public async Task<IReadOnlyList<InvoiceBatchView>> BatchesAsync(string? instanceId, CancellationToken cancellationToken)
    {
        var list = await db.Set<InvoiceBatch>().AsNoTracking().Where(b => instanceId == null || b.InstanceId == instanceId).OrderByDescending(b => b.CreatedAt).Take(100).ToListAsync(cancellationToken);
        var views = new List<InvoiceBatchView>();
        foreach (var batch in list)
        {
            views.Add(await ViewAsync(batch, cancellationToken));
        }

        return views;
    }

    public async Task<InvoiceBatchView?> BatchAsync(string id, CancellationToken cancellationToken) =>
        await db.Set<InvoiceBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is { } batch
            ? await ViewAsync(batch, cancellationToken)
            : null;

    /// <summary>The exceptions of a cycle without a final disposition: what blocks its batch's release.</summary>
    public async Task<IReadOnlyList<ExceptionView>> OpenOfAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.Set<BillingException>().AsNoTracking().Where(e => e.InstanceId == instanceId && e.Status != ExceptionStatus.Closed).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. open.Select(e => ExceptionView.From(e, options.Value.MaterialityThreshold, now, withHistory: false))];
    }

    /// <summary>The disposition command's role rule: the routed role, or an admin.</summary>
    public static bool MayDisposition(WorkflowActor actor, string routedRole) => actor.IsAdmin || actor.InRole(routedRole);

    /// <summary>The roles the confirmation command accepts for an exception routed to <paramref name="routedRole"/>.</summary>
    public IReadOnlyList<string> ConfirmersOf(string routedRole) => options.Value.ConfirmersOf(routedRole);

    /// <summary>Whether the confirmation command would take this actor: a confirming role, and not the person who decided.</summary>
    public bool MayConfirm(WorkflowActor actor, ExceptionView exception) =>
        exception.Status == ExceptionStatus.AwaitingConfirmation
        && ConfirmersOf(exception.RoutedRole).Any(actor.InRole)
        && !BillingException.SamePerson(actor.Name, exception.DecidedBy);

    private async Task<InvoiceBatchView> ViewAsync(InvoiceBatch batch, CancellationToken cancellationToken)
    {
        var exceptions = db.Set<BillingException>().Where(e => e.InstanceId == batch.InstanceId);
        return InvoiceBatchView.From(batch, await exceptions.CountAsync(cancellationToken), await exceptions.CountAsync(e => e.Status != ExceptionStatus.Closed, cancellationToken));
    }
}
