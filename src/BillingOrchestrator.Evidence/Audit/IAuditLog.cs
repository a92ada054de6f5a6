namespace BillingOrchestrator.Evidence.Audit;

/// <summary>The append-only, hash-chained, keyed and sealed audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry chained to the current last one; safe under concurrent appenders.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, string? subject, string? dataJson, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSequence, int take, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain in order and reports the first entry that does not verify, or a cut against the last seal.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>The head now (entries and last hash) and the latest seal, for the documents that carry it.</summary>
    Task<AuditHead> HeadAsync(CancellationToken cancellationToken);

    /// <summary>Seals the head: records it, numbered after the last seal, in the seal file next to the key.</summary>
    Task<AuditSeal> SealAsync(CancellationToken cancellationToken);
}
