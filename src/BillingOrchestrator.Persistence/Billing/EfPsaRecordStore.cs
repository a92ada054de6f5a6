using System.Data.Common;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BillingOrchestrator.Persistence.Billing;

/// <summary>
/// PSA records in <c>psa_records</c>. Bulk writes use one prepared upsert (the same SQL on SQLite and PostgreSQL)
/// inside one transaction, so a sync page or a whole import is stored completely or not at all.
/// </summary>
internal sealed class EfPsaRecordStore(BillingDbContext db, TimeProvider time) : IPsaRecordStore
{
    private const string UpsertSql =
        "INSERT INTO psa_records (entity, id, company_id, agreement_id, last_updated, data_json, source, stored_at) " +
        "VALUES (@entity, @id, @company_id, @agreement_id, @last_updated, @data_json, @source, @stored_at) " +
        "ON CONFLICT (entity, id) DO UPDATE SET company_id = excluded.company_id, agreement_id = excluded.agreement_id, " +
        "last_updated = excluded.last_updated, data_json = excluded.data_json, source = excluded.source, stored_at = excluded.stored_at";

    public async Task<DateTimeOffset?> GetCursorAsync(EntityKind kind, CancellationToken cancellationToken)
    {
        var name = kind.ToString();
        var row = await db.Set<PsaCursorRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Entity == name, cancellationToken);
        return row?.Cursor;
    }

    public async Task UpsertAsync(EntityKind kind, IReadOnlyList<PsaRecord> records, DateTimeOffset? cursor, string source, CancellationToken cancellationToken)
    {
        if (records.Any(r => r.Kind != kind))
        {
            throw new ArgumentException($"Every record must be a {kind}.", nameof(records));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteAsync(transaction, records, source, cancellationToken);
        if (cursor is { } position)
        {
            await using var command = Command(transaction,
                "INSERT INTO psa_cursors (entity, cursor) VALUES (@entity, @cursor) " +
                "ON CONFLICT (entity) DO UPDATE SET cursor = excluded.cursor WHERE excluded.cursor > psa_cursors.cursor");
            Bind(command, "entity", kind.ToString());
            Bind(command, "cursor", position.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReplaceAllAsync(IReadOnlyList<PsaRecord> records, string source, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[] { "DELETE FROM psa_records", "DELETE FROM psa_cursors" })
        {
            await using var delete = Command(transaction, sql);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await WriteAsync(transaction, records, source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task WriteAsync(IDbContextTransaction transaction, IReadOnlyList<PsaRecord> records, string source, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, UpsertSql);
        var entity = Bind(command, "entity", "");
        var id = Bind(command, "id", 0);
        var company = Bind(command, "company_id", 0);
        var agreement = Bind(command, "agreement_id", 0);
        var lastUpdated = Bind(command, "last_updated", 0L);
        var data = Bind(command, "data_json", "");
        Bind(command, "source", source);
        Bind(command, "stored_at", time.GetUtcNow().ToUnixTimeMilliseconds());
        await command.PrepareAsync(cancellationToken);
        foreach (var record in records)
        {
            entity.Value = record.Kind.ToString();
            id.Value = record.Id;
            company.Value = (object?)record.CompanyId ?? DBNull.Value;
            agreement.Value = (object?)record.AgreementId ?? DBNull.Value;
            lastUpdated.Value = (object?)record.LastUpdated?.ToUnixTimeMilliseconds() ?? DBNull.Value;
            data.Value = record.DataJson;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand Command(IDbContextTransaction transaction, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
