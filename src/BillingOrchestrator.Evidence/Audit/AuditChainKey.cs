using System.Security.Cryptography;
using System.Text;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>
/// The secret that makes the audit chain unforgeable: each entry's hash is an HMAC-SHA256 under this key, so someone
/// who can write the database but not read the key cannot rewrite an entry and recompute the hashes after it. It is kept
/// outside the database: <c>Audit:ChainKey</c> (base64, at least 32 bytes; every host on one PostgreSQL database must
/// share it) or, when that is empty, a file generated once under <c>{DataDirectory}/keys</c>.
/// </summary>
public sealed class AuditChainKey
{
    public const string FileName = "audit-chain.key";

    private readonly byte[] key;

    public AuditChainKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The audit-chain key must be at least 32 bytes.", nameof(key));
        }

        this.key = key;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(key, "billing-orchestrator audit-chain key id"u8))[..16];
    }

    /// <summary>A fingerprint of the key that gives nothing away: tells which key sealed a chain without showing it.</summary>
    public string Id { get; }

    /// <summary>The key from configuration when given, else the one kept in <c>{dataDirectory}/keys</c> (created on first use).</summary>
    public static AuditChainKey Load(string? configuredBase64, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64))
        {
            var configured = Convert.FromBase64String(configuredBase64);
            return configured.Length >= 32
                ? new AuditChainKey(configured)
                : throw new InvalidOperationException("Audit:ChainKey must be at least 32 bytes, base64-encoded.");
        }

        return new AuditChainKey(KeyFile.ReadOrCreate(Path.Combine(dataDirectory, "keys", FileName), 64));
    }

    /// <summary>The keyed hash of an entry: HMAC-SHA256 over the same canonical text as the public formula.</summary>
    public string Hash(long sequence, DateTimeOffset at, string actor, string action, string? subject, string? dataJson, string previousHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(AuditEntry.Canonical(sequence, at, actor, action, subject, dataJson, previousHash))));

    public bool Matches(AuditEntry entry) =>
        entry.Hash == Hash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.DataJson, entry.PreviousHash);
}
