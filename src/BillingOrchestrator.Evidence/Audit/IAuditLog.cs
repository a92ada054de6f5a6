namespace BillingOrchestrator.Evidence.Audit;

/// <summary>The append-only, hash-chained audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry chained to the current last one; safe under concurrent appenders.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, string? subject, string? dataJson, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSequence, int take, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain in order and reports the first entry that does not verify.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}

/// <summary>The result of walking the chain: how many entries verified, and the first broken one with the reason.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason)
{
    public static async Task<AuditVerification> CheckAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, CancellationToken cancellationToken)
    {
        var previous = AuditEntry.GenesisHash;
        var expectedSequence = 1L;
        var count = 0L;
        await foreach (var entry in entriesInOrder.WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new(false, count, entry.Sequence, $"expected entry {expectedSequence} next but found {entry.Sequence}: an entry is missing");
            }

            if (entry.PreviousHash != previous)
            {
                return new(false, count, entry.Sequence, "its previous-hash does not match the entry before it: an earlier entry was changed or removed");
            }

            if (!entry.HashMatches())
            {
                return new(false, count, entry.Sequence, "its content does not match its hash: the entry was altered");
            }

            previous = entry.Hash;
            expectedSequence++;
            count++;
        }

        return new(true, count, null, null);
    }
}
