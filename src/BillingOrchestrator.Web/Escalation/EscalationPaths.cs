using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>The stored escalation paths, one per role: replaced as a whole, seeded once from configuration.</summary>
public sealed class EscalationPaths(BillingDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<EscalationPathView>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Set<EscalationPathRow>().AsNoTracking().OrderBy(p => p.Role).ToListAsync(cancellationToken)).Select(View).ToList();

    public async Task<IReadOnlyList<EscalationPathView>> ReplaceAsync(IReadOnlyList<EscalationPathInput> paths, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<EscalationPathRow>().ExecuteDeleteAsync(cancellationToken);
        db.AddRange(paths.Select(p => Row(p, actor)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await ListAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="defaults"/> when the database holds no path yet; false when it already did.</summary>
    public async Task<bool> SeedAsync(IReadOnlyList<EscalationPathInput> defaults, CancellationToken cancellationToken)
    {
        if (defaults.Count == 0 || await db.Set<EscalationPathRow>().AnyAsync(cancellationToken))
        {
            return false;
        }

        db.AddRange(defaults.Select(p => Row(p, "configuration")));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another host seeded them at the same moment.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private EscalationPathRow Row(EscalationPathInput path, string actor)
    {
        Durations.TryParse(path.NotifyAfter, out var notifyAfter);
        Durations.TryParse(path.ReassignAfter, out var reassignAfter);
        return new EscalationPathRow
        {
            Role = path.Role!.Trim(),
            EscalationRole = path.EscalationRole!.Trim(),
            NotifyAfter = notifyAfter,
            ReassignAfter = reassignAfter,
            UpdatedBy = actor,
            UpdatedAt = time.GetUtcNow(),
        };
    }

    private static EscalationPathView View(EscalationPathRow row) =>
        new(row.Role, row.EscalationRole, Durations.Format(row.NotifyAfter), Durations.Format(row.ReassignAfter), row.UpdatedBy, row.UpdatedAt);
}
