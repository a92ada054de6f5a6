using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>
/// One entry of the append-only audit log. <see cref="Hash"/> covers every field and <see cref="PreviousHash"/>, so
/// altering, removing or reordering any entry breaks the chain from that entry on; it is keyed (<see cref="AuditChainKey"/>),
/// so the chain cannot be recomputed without the key, and sealed (<see cref="AuditSeal"/>), so cutting off its end shows.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The hash the first entry chains to.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    /// <summary>What was done, e.g. <c>tasks.complete</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The record acted on, e.g. <c>task:01a2…</c>.</summary>
    public string? Subject { get; init; }

    public string? DataJson { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }

    /// <summary>
    /// The public formula (SHA-256, no key) of the entries written before the chain had a key; they still verify, but
    /// only before the first keyed entry (see <see cref="AuditChainKey"/>).
    /// </summary>
    public static string ComputeHash(long sequence, DateTimeOffset at, string actor, string action, string? subject, string? dataJson, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(sequence, at, actor, action, subject, dataJson, previousHash))));

    /// <summary>What both hash schemes cover: every field and the previous hash, separated by the unit separator.</summary>
    public static string Canonical(long sequence, DateTimeOffset at, string actor, string action, string? subject, string? dataJson, string previousHash) =>
        string.Join(
            '\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            actor,
            action,
            subject ?? "",
            dataJson ?? "",
            previousHash);

    public bool HashMatches() => Hash == ComputeHash(Sequence, At, Actor, Action, Subject, DataJson, PreviousHash);
}
