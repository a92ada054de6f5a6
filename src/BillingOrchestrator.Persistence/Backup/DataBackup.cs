using System.Security.Cryptography;
using System.Text.Json;
using BillingOrchestrator.Evidence.Audit;
using Microsoft.Data.Sqlite;

namespace BillingOrchestrator.Persistence.Backup;

/// <summary>
/// What a backup holds: when it was taken, from where, the SHA-256 of every file in it, and the audit chain's head in
/// the copied database with the latest seal (a later check of the chain against this backup finds a cut or a rewrite).
/// </summary>
public sealed record BackupManifest(int Format, DateTimeOffset TakenAt, string Source, IReadOnlyList<BackupFile> Files, AuditHead? AuditChain = null);

public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>A backup or restore that cannot go ahead; the message names the folder or file and the reason.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Online backup and restore of the embedded store: the SQLite database (through SQLite's backup API, a consistent copy
/// while the product keeps running) and the content-addressed evidence files. The database is copied first: evidence
/// files are written before the rows that point at them and never change, so every file a copied row names is there
/// when the evidence folder is copied afterwards. The signing key is not copied (after a restore users sign in again);
/// the audit-chain key and seal are (<c>keys/audit-chain.key</c>, <c>keys/audit-seal.json</c>), since the restored chain
/// only verifies under its key, so a backup folder is as secret as the key itself.
/// </summary>
public static class DataBackup
{
    public const string ManifestFile = "manifest.json";
    public const string DatabaseFile = "billing.db";
    public const string EvidenceFolder = "evidence";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<BackupManifest> BackupAsync(string dataDirectory, string backupDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = Path.Combine(dataDirectory, DatabaseFile);
        if (!File.Exists(source))
        {
            throw new BackupException($"{source}: no database to back up (is --data-dir the product's DataDirectory?)");
        }

        if (Directory.Exists(backupDirectory) && Directory.EnumerateFileSystemEntries(backupDirectory).Any())
        {
            throw new BackupException($"{backupDirectory}: the backup folder must be new or empty, so no earlier backup is mixed in");
        }

        Directory.CreateDirectory(backupDirectory);
        var takenAt = time.GetUtcNow();
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(backupDirectory, DatabaseFile), Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
        }

        CopyTree(Path.Combine(dataDirectory, EvidenceFolder), Path.Combine(backupDirectory, EvidenceFolder), cancellationToken);
        CopyAuditKeys(dataDirectory, backupDirectory);
        var chain = await AuditHeadAsync(Path.Combine(backupDirectory, DatabaseFile), new AuditSealFile(backupDirectory), cancellationToken);
        var manifest = new BackupManifest(1, takenAt, Path.GetFullPath(dataDirectory), [.. await HashTreeAsync(backupDirectory, cancellationToken)], chain);
        await File.WriteAllTextAsync(Path.Combine(backupDirectory, ManifestFile), JsonSerializer.Serialize(manifest, Json), cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Checks every file of the backup against its manifest, then puts the database and evidence in place. Refuses a
    /// data directory that already holds a database unless <paramref name="replace"/> is set (the product must be stopped).
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(string backupDirectory, string dataDirectory, bool replace, CancellationToken cancellationToken)
    {
        var manifest = await VerifyAsync(backupDirectory, cancellationToken);
        var target = Path.Combine(dataDirectory, DatabaseFile);
        if (File.Exists(target) && !replace)
        {
            throw new BackupException($"{target}: a database is already there; stop the product and pass --force to replace it");
        }

        Directory.CreateDirectory(dataDirectory);
        SqliteConnection.ClearAllPools();
        foreach (var stale in new[] { target + "-wal", target + "-shm", target + "-journal" })
        {
            File.Delete(stale);
        }

        var staging = target + ".restoring";
        File.Copy(Path.Combine(backupDirectory, DatabaseFile), staging, overwrite: true);
        File.Move(staging, target, overwrite: true);
        CopyTree(Path.Combine(backupDirectory, EvidenceFolder), Path.Combine(dataDirectory, EvidenceFolder), cancellationToken);
        CopyAuditKeys(backupDirectory, dataDirectory);
        return manifest;
    }

    /// <summary>Reads the manifest and checks that every file it lists is there with its size and SHA-256.</summary>
    public static async Task<BackupManifest> VerifyAsync(string backupDirectory, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(backupDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"{manifestPath}: not found; is this a backup folder?");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), Json)
            ?? throw new BackupException($"{manifestPath}: empty manifest");
        var actual = (await HashTreeAsync(backupDirectory, cancellationToken)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var expected in manifest.Files)
        {
            if (!actual.TryGetValue(expected.Path, out var found))
            {
                throw new BackupException($"{expected.Path}: listed in the manifest but missing from the backup");
            }

            if (found.Sha256 != expected.Sha256 || found.Bytes != expected.Bytes)
            {
                throw new BackupException($"{expected.Path}: its SHA-256 does not match the manifest; the backup is damaged");
            }
        }

        if (!manifest.Files.Any(f => f.Path == DatabaseFile))
        {
            throw new BackupException($"{manifestPath}: the manifest lists no {DatabaseFile}");
        }

        return manifest;
    }

    /// <summary>The audit chain's head in a SQLite database file (entries and last hash) and the seal beside it.</summary>
    public static async Task<AuditHead> AuditHeadAsync(string databaseFile, AuditSealFile seals, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = await reader.ReadAsync(cancellationToken);
        return new AuditHead(found ? reader.GetInt64(0) : 0, found ? reader.GetString(1) : AuditEntry.GenesisHash, await seals.ReadAsync(cancellationToken));
    }

    private static void CopyAuditKeys(string from, string to)
    {
        foreach (var name in new[] { AuditChainKey.FileName, AuditSealFile.FileName })
        {
            var source = Path.Combine(from, "keys", name);
            if (File.Exists(source))
            {
                Directory.CreateDirectory(Path.Combine(to, "keys"));
                File.Copy(source, Path.Combine(to, "keys", name), overwrite: true);
            }
        }
    }

    private static async Task<List<BackupFile>> HashTreeAsync(string root, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative == ManifestFile)
            {
                continue;
            }

            await using var stream = File.OpenRead(path);
            files.Add(new BackupFile(relative, stream.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken))));
        }

        return files;
    }

    private static void CopyTree(string from, string to, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (!File.Exists(destination))
            {
                File.Copy(path, destination);
            }
        }
    }
}
