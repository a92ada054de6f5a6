using System.Globalization;
using System.Text.Json;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Cli;

/// <summary>
/// <c>audit-verify --data-dir DIR [--key BASE64] [--entries N --head HASH]</c>: checks the audit chain of a SQLite data
/// directory or a backup folder without the server, under the chain's key (<c>--key</c>, else the
/// <c>Audit__ChainKey</c> environment variable, else <c>DIR/keys/audit-chain.key</c>) and against a seal: the head given
/// (read off a PDF brief, an audit pack's manifest or a backup's manifest), else <c>DIR/keys/audit-seal.json</c>.
/// Prints the verification as JSON; exit 0 when the chain is intact, 1 when it is not, 2 on bad input.
/// </summary>
internal static class AuditVerifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(args.Get("data-dir") ?? "data");
        var database = Path.Combine(dataDirectory, "billing.db");
        if (!File.Exists(database))
        {
            throw new CliException($"{database}: no database (give the product's DataDirectory or a backup folder as --data-dir)");
        }

        var key = Key(args.Get("key") ?? Environment.GetEnvironmentVariable("Audit__ChainKey"), dataDirectory);
        var seal = Seal(args) ?? await new AuditSealFile(dataDirectory).ReadAsync(cancellationToken);
        var options = new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite($"Data Source={database};Mode=ReadOnly;Pooling=False").Options;
        await using var db = new SqliteBillingDbContext(options);
        var result = await AuditVerification.CheckAsync(db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), key, seal, cancellationToken);
        await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        return result.Intact ? 0 : 1;
    }

    private static AuditChainKey Key(string? configured, string dataDirectory)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return AuditChainKey.Load(configured, dataDirectory);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CliException($"--key: {e.Message}");
        }

        var file = Path.Combine(dataDirectory, "keys", AuditChainKey.FileName);
        return File.Exists(file)
            ? new AuditChainKey(File.ReadAllBytes(file))
            : throw new CliException($"{file}: no audit-chain key; give --key (base64) or set Audit__ChainKey as the product has it");
    }

    private static AuditSeal? Seal(CliArguments args)
    {
        var entries = args.Get("entries");
        var head = args.Get("head");
        if (entries is null && head is null)
        {
            return null;
        }

        if (!long.TryParse(entries, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || head is not { Length: 64 } || !head.All(char.IsAsciiHexDigit))
        {
            throw new CliException("--entries and --head go together: a number of entries and the 64-hex-digit hash of the last one");
        }

        return new AuditSeal(0, DateTimeOffset.UtcNow, count, head.ToLowerInvariant(), null);
    }
}
