using System.Text.Json;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>
/// The latest seal, kept in <c>{DataDirectory}/keys/audit-seal.json</c> next to the key: outside the database, so deleting
/// the chain's last entries (and the seal entries among them) still leaves the record of how long the chain was.
/// </summary>
public sealed class AuditSealFile(string dataDirectory)
{
    public const string FileName = "audit-seal.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, "keys", FileName);

    public async Task<AuditSeal?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditSeal>(await File.ReadAllTextAsync(Path, cancellationToken), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{Path}: the audit seal cannot be read ({e.Message}); restore it from a backup or a brief.", e);
        }
    }

    /// <summary>Replaces the file atomically (write beside it, then move), so a crash leaves the old seal or the new one.</summary>
    public async Task WriteAsync(AuditSeal seal, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var staging = Path + ".writing";
        await File.WriteAllTextAsync(staging, JsonSerializer.Serialize(seal, Json), cancellationToken);
        File.Move(staging, Path, overwrite: true);
    }
}
