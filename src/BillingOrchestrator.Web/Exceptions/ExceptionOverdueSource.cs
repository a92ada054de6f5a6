using System.Globalization;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Escalation;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// Billing exceptions past their due date without a disposition. Reassignment routes the exception to the escalation
/// role (bumping its revision, so a disposition read before it is refused as stale) and says so in <c>routedBy</c>.
/// </summary>
public sealed class ExceptionOverdueSource(BillingDbContext db) : IOverdueSource
{
    public string Kind => "exception";

    public async Task<IReadOnlyList<OverdueItem>> FindOverdueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken) =>
        (await db.Set<BillingException>().AsNoTracking()
            .Where(e => e.Status == ExceptionStatus.Open && e.DueAt != null && e.DueAt <= now)
            .OrderBy(e => e.DueAt)
            .Take(take)
            .Select(e => new { e.Id, e.Category, e.AmountCents, e.CompanyId, e.RoutedRole, e.DueAt, e.Revision, e.InstanceId })
            .ToListAsync(cancellationToken))
        .Select(e => new OverdueItem(
            e.Id,
            $"{e.Category} exception, {(e.AmountCents / 100m).ToString("0.00", CultureInfo.InvariantCulture)} USD, company {e.CompanyId}",
            e.RoutedRole,
            null,
            e.DueAt!.Value,
            e.Revision,
            e.InstanceId,
            Description: "Billing exception"))
        .ToList();

    public async Task<bool> ReassignAsync(BillingDbContext db, OverdueItem item, string role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var because = $"escalated from {item.Role}: no disposition by {item.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        var changed = await db.Set<BillingException>()
            .Where(e => e.Id == item.Id && e.Revision == item.Revision && e.Status == ExceptionStatus.Open)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.RoutedRole, role)
                    .SetProperty(e => e.RoutedBy, because)
                    .SetProperty(e => e.Revision, e => e.Revision + 1),
                cancellationToken);
        return changed == 1;
    }
}
