namespace BillingOrchestrator.Billing.Sync;

/// <summary>Where synced and imported PSA records live. Upserts are idempotent by (kind, id).</summary>
public interface IPsaRecordStore
{
    /// <summary>The newest <c>lastUpdated</c> stored for <paramref name="kind"/> by an earlier sync; null before the first.</summary>
    Task<DateTimeOffset?> GetCursorAsync(EntityKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces <paramref name="records"/> and, in the same transaction, moves the kind's cursor to
    /// <paramref name="cursor"/> (when given): a crash never leaves the cursor ahead of the data.
    /// </summary>
    Task UpsertAsync(EntityKind kind, IReadOnlyList<PsaRecord> records, DateTimeOffset? cursor, string source, CancellationToken cancellationToken);

    /// <summary>Replaces every record in one transaction (an export-folder or CSV import, or the demo dataset): all or nothing.</summary>
    Task ReplaceAllAsync(IReadOnlyList<PsaRecord> records, string source, CancellationToken cancellationToken);
}
