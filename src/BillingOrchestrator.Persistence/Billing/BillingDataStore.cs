using System.Globalization;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Billing;

/// <summary>Reads stored PSA records back as domain objects: one record, a page, or a whole snapshot for the checks.</summary>
public sealed class BillingDataStore(BillingDbContext db)
{
    public const string OwnCompanySetting = "ownCompanyId";
    public const string PeriodStartSetting = "periodStart";
    public const string PeriodEndSetting = "periodEnd";

    public async Task<T?> FindAsync<T>(EntityKind kind, int id, CancellationToken cancellationToken)
        where T : class
    {
        var entity = kind.ToString();
        var json = await db.Set<PsaRecordRow>().AsNoTracking().Where(r => r.Entity == entity && r.Id == id).Select(r => r.DataJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : BillingJson.Deserialize<T>(json);
    }

    public async Task<(IReadOnlyList<T> Items, int Total)> PageAsync<T>(EntityKind kind, int? companyId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var entity = kind.ToString();
        var query = db.Set<PsaRecordRow>().AsNoTracking().Where(r => r.Entity == entity);
        if (companyId is { } company)
        {
            query = query.Where(r => r.CompanyId == company);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.DataJson).ToListAsync(cancellationToken);
        return (rows.Select(BillingJson.Deserialize<T>).ToList(), total);
    }

    public async Task<IReadOnlyList<T>> AllAsync<T>(EntityKind kind, CancellationToken cancellationToken)
    {
        var entity = kind.ToString();
        var rows = await db.Set<PsaRecordRow>().AsNoTracking().Where(r => r.Entity == entity).OrderBy(r => r.Id).Select(r => r.DataJson).ToListAsync(cancellationToken);
        return rows.Select(BillingJson.Deserialize<T>).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken) =>
        await db.Set<PsaRecordRow>().AsNoTracking().GroupBy(r => r.Entity).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Everything stored, as one snapshot; null when nothing has been synced or imported yet.</summary>
    public async Task<BillingSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken) =>
        (await LoadStoredSnapshotAsync(cancellationToken))?.Snapshot;

    /// <summary>
    /// Everything stored, as one snapshot, with its <see cref="BillingOrchestrator.Billing.Checks.SnapshotHasher"/> hash taken from the stored
    /// JSON as it is read (null when no period is stored); null when nothing has been synced or imported yet.
    /// </summary>
    public Task<StoredSnapshot?> LoadStoredSnapshotAsync(CancellationToken cancellationToken) => StoredSnapshotReader.LoadAsync(db, cancellationToken);

    public async Task SetSettingsAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var keys = values.Keys.ToList();
        var existing = await db.Set<BillingSettingRow>().Where(s => keys.Contains(s.Key)).ToListAsync(cancellationToken);
        foreach (var (key, value) in values)
        {
            if (existing.FirstOrDefault(s => s.Key == key) is { } row)
            {
                row.Value = value;
            }
            else
            {
                db.Add(new BillingSettingRow { Key = key, Value = value });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
