using BillingOrchestrator.Persistence.Backup;

namespace BillingOrchestrator.Cli;

/// <summary>
/// <c>backup --data-dir DIR --out FOLDER</c>: an online copy of the SQLite database and the evidence store, with a
/// manifest of SHA-256 hashes; safe while the product runs.
/// <c>restore --from FOLDER --data-dir DIR [--force]</c>: checks the backup against its manifest and puts it in place
/// (stop the product first; <c>--force</c> replaces an existing database).
/// </summary>
internal static class BackupCommands
{
    public static async Task<int> BackupAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(args.Get("data-dir") ?? "data");
        var folder = Path.GetFullPath(args.Require("out"));
        var manifest = await Run(() => DataBackup.BackupAsync(dataDirectory, folder, TimeProvider.System, cancellationToken));
        await output.WriteLineAsync($"Backed up {dataDirectory} to {folder}: {manifest.Files.Count} files, {manifest.Files.Sum(f => f.Bytes):N0} bytes, manifest {DataBackup.ManifestFile}");
        return 0;
    }

    public static async Task<int> RestoreAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(args.Require("from"));
        var dataDirectory = Path.GetFullPath(args.Get("data-dir") ?? "data");
        var manifest = await Run(() => DataBackup.RestoreAsync(folder, dataDirectory, args.Has("force"), cancellationToken));
        await output.WriteLineAsync($"Restored the backup taken {manifest.TakenAt:u} into {dataDirectory}: {manifest.Files.Count} files verified against the manifest");
        return 0;
    }

    private static async Task<BackupManifest> Run(Func<Task<BackupManifest>> action)
    {
        try
        {
            return await action();
        }
        catch (BackupException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
