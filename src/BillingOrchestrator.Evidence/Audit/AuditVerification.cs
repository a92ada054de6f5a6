using System.Globalization;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>The result of walking the chain: how many entries verified, and the first broken one with the reason.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason)
{
    /// <summary>The hash of the last entry checked (the genesis hash for an empty chain).</summary>
    public string Head { get; init; } = AuditEntry.GenesisHash;

    /// <summary>Whether a key checked the chain (the product always has one; a check without it only knows the public formula).</summary>
    public bool Keyed { get; init; }

    /// <summary>The fingerprint of the key that checked the chain.</summary>
    public string? KeyId { get; init; }

    /// <summary>Entries under the public SHA-256 formula, written before the chain had a key; they come before every keyed entry.</summary>
    public long LegacyEntries { get; init; }

    /// <summary>The seal the chain was checked against: it must still hold at least that many entries, with the same hash there.</summary>
    public AuditSeal? LastSeal { get; init; }

    /// <summary>Checks the chain with the public formula only, as before the chain had a key.</summary>
    public static Task<AuditVerification> CheckAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, CancellationToken cancellationToken) =>
        CheckAsync(entriesInOrder, null, null, cancellationToken);

    /// <summary>
    /// Checks every link and hash; with <paramref name="key"/>, an entry verifies by its keyed hash, or by the public
    /// formula only while no keyed entry came before it (entries from before the key existed). With
    /// <paramref name="seal"/>, the chain must still reach the sealed entry with the sealed hash.
    /// </summary>
    public static async Task<AuditVerification> CheckAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, AuditChainKey? key, AuditSeal? seal, CancellationToken cancellationToken)
    {
        var previous = AuditEntry.GenesisHash;
        var expectedSequence = 1L;
        var count = 0L;
        var legacy = 0L;
        var keyedSeen = false;
        var sealedHash = seal is { Entries: 0 } ? AuditEntry.GenesisHash : null;
        AuditVerification Broken(long sequence, string reason) =>
            new(false, count, sequence, reason) { Head = previous, Keyed = key is not null, KeyId = key?.Id, LegacyEntries = legacy, LastSeal = seal };

        await foreach (var entry in entriesInOrder.WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expectedSequence)
            {
                return Broken(entry.Sequence, $"expected entry {expectedSequence} next but found {entry.Sequence}: an entry is missing");
            }

            if (entry.PreviousHash != previous)
            {
                return Broken(entry.Sequence, "its previous-hash does not match the entry before it: an earlier entry was changed or removed");
            }

            if (key is not null && key.Matches(entry))
            {
                keyedSeen = true;
            }
            else if (entry.HashMatches() && !keyedSeen && (key is null || entry.Sequence <= (seal?.LegacyEntries ?? long.MaxValue)))
            {
                legacy++;
            }
            else
            {
                return Broken(entry.Sequence, !entry.HashMatches() ? "its content does not match its hash: the entry was altered"
                    : keyedSeen ? "its hash uses the public formula but keyed entries come before it: the entry was rewritten without the chain's key"
                    : $"its hash uses the public formula but {seal} found only the first {seal!.LegacyEntries?.ToString(CultureInfo.InvariantCulture)} entries made before the key: the chain was rewritten without the key");
            }

            previous = entry.Hash;
            expectedSequence++;
            count++;
            if (entry.Sequence == seal?.Entries)
            {
                sealedHash = entry.Hash;
            }
        }

        if (seal is not null && count < seal.Entries)
        {
            return Broken(count + 1, $"chain has {count.ToString(CultureInfo.InvariantCulture)} entries but {seal}: the entries after {count.ToString(CultureInfo.InvariantCulture)} were removed");
        }

        if (seal is not null && sealedHash != seal.Head)
        {
            return Broken(seal.Entries, $"entry {seal.Entries.ToString(CultureInfo.InvariantCulture)} has hash {sealedHash} but {seal}: the chain was rewritten");
        }

        return new(true, count, null, null) { Head = previous, Keyed = key is not null, KeyId = key?.Id, LegacyEntries = legacy, LastSeal = seal };
    }
}
