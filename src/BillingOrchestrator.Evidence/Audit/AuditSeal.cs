using System.Globalization;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>
/// The chain's head at a moment, published outside the database (a file next to the key, a log line, an evidence item,
/// every PDF brief, audit pack and backup): a chain with fewer entries, or another hash at <see cref="Entries"/>, was
/// cut short or rewritten after the seal.
/// </summary>
/// <param name="Number">Seals count up from 1; 0 is a head given by hand (read off a brief, a pack or a backup).</param>
/// <param name="At">When the seal was taken.</param>
/// <param name="Entries">How many entries the chain had.</param>
/// <param name="Head">The hash of entry <see cref="Entries"/> (the genesis hash for an empty chain).</param>
/// <param name="KeyId">The fingerprint of the key the chain was sealed under.</param>
/// <param name="LegacyEntries">
/// How many leading entries predate the key (public formula); every later entry must be keyed, so rewriting the whole
/// chain with the public formula shows too. Null when unknown (a head given by hand).
/// </param>
public sealed record AuditSeal(int Number, DateTimeOffset At, long Entries, string Head, string? KeyId, long? LegacyEntries = null)
{
    public override string ToString() =>
        Number == 0
            ? $"the head given ({Entries.ToString(CultureInfo.InvariantCulture)} entries, head {Head})"
            : $"seal #{Number.ToString(CultureInfo.InvariantCulture)} of {At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC recorded {Entries.ToString(CultureInfo.InvariantCulture)} (head {Head})";
}

/// <summary>The chain's head now: how many entries, the last hash, and the latest seal.</summary>
public sealed record AuditHead(long Entries, string Head, AuditSeal? LastSeal);
