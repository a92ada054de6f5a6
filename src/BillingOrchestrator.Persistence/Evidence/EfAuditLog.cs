using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Evidence;

/// <summary>
/// Appends read the chain head and insert the next sequence number in one transaction; the sequence is the primary
/// key, so two hosts racing for the same slot cannot both win: the loser retries on the new head. On PostgreSQL the
/// transaction first takes an advisory lock, so concurrent appends queue instead of colliding (under 50 concurrent
/// users they otherwise exhausted the retries); SQLite already serializes writers.
/// </summary>
internal sealed class EfAuditLog(BillingDbContext db, TimeProvider time, AuditChainKey key, AuditSealFile seals) : IAuditLog
{
    private const int MaxAttempts = 20;

    /// <summary>"AUDIT" in ASCII: the advisory lock key every host uses for the chain head.</summary>
    private const long ChainLockKey = 0x4155444954;

    public async Task<AuditEntry> AppendAsync(string actor, string action, string? subject, string? dataJson, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
            }

            var head = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var sequence = (head?.Sequence ?? 0) + 1;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            var previous = head?.Hash ?? AuditEntry.GenesisHash;
            var entry = new AuditEntry
            {
                Sequence = sequence,
                At = at,
                Actor = actor,
                Action = action,
                Subject = subject,
                DataJson = dataJson,
                PreviousHash = previous,
                Hash = key.Hash(sequence, at, actor, action, subject, dataJson, previous),
            };
            db.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return entry;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.Entry(entry).State = EntityState.Detached;
                await transaction.RollbackAsync(cancellationToken);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSequence, int take, CancellationToken cancellationToken) =>
        await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > afterSequence).OrderBy(e => e.Sequence).Take(take).ToListAsync(cancellationToken);

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        await AuditVerification.CheckAsync(db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), key, await seals.ReadAsync(cancellationToken), cancellationToken);

    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        var head = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        return new AuditHead(head?.Sequence ?? 0, head?.Hash ?? AuditEntry.GenesisHash, await seals.ReadAsync(cancellationToken));
    }

    /// <summary>
    /// Numbers the seal after the latest one recorded next to the key and records it there, with how many leading entries
    /// predate the key (found by walking the chain). A chain that no longer verifies against the latest seal is not
    /// sealed again: the new seal would hide the cut or the rewrite, so the old one stays and the refusal names the break.
    /// Seals are not chain entries, so sealing changes nothing a command wrote (hosts on one PostgreSQL database each keep
    /// their own seal file).
    /// </summary>
    public async Task<AuditSeal> SealAsync(CancellationToken cancellationToken)
    {
        var head = await HeadAsync(cancellationToken);
        var walked = await AuditVerification.CheckAsync(db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), key, head.LastSeal, cancellationToken);
        if (!walked.Intact)
        {
            throw new WorkflowConflictException(
                $"The audit chain is not sealed again: entry {walked.FirstBrokenSequence} does not verify ({walked.Reason}).",
                new Dictionary<string, object?> { ["firstBrokenSequence"] = walked.FirstBrokenSequence, ["lastSeal"] = head.LastSeal });
        }

        var seal = new AuditSeal((head.LastSeal?.Number ?? 0) + 1, time.GetUtcNow(), head.Entries, head.Head, key.Id, walked.LegacyEntries);
        await seals.WriteAsync(seal, cancellationToken);
        return seal;
    }
}
