using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Billing;

/// <summary>A stored snapshot and its <see cref="SnapshotHasher"/> hash (null when the hash could not come from the read).</summary>
public sealed record StoredSnapshot(BillingSnapshot Snapshot, string? Hash);

/// <summary>
/// Loads every stored PSA record as one <see cref="BillingSnapshot"/>, fast enough for a million time entries:
/// <list type="number">
/// <item>SQLite rows are read as their UTF-8 bytes (no UTF-8 → UTF-16 → UTF-8 round trip, half the memory per row);</item>
/// <item>the JSON is deserialized in batches on every core while the connection keeps reading (a bounded channel
/// between them), so no list of a million strings is ever held;</item>
/// <item>the same bytes feed SHA-256, framed as <see cref="SnapshotHasher"/> frames the snapshot: records are stored as
/// the canonical <see cref="BillingJson"/> of the same types in id order, so the hash comes out of the read instead of
/// re-serializing the whole snapshot.</item>
/// </list>
/// </summary>
internal static class StoredSnapshotReader
{
    private const int BatchSize = 2_048;

    /// <summary>The snapshot's lists in the order <see cref="BillingSnapshot"/> declares them (and so hashes them).</summary>
    private static readonly EntityKind[] Order =
    [
        EntityKind.Company, EntityKind.Member, EntityKind.WorkType, EntityKind.WorkRole, EntityKind.AgreementType,
        EntityKind.Agreement, EntityKind.ServiceTicket, EntityKind.TimeEntry, EntityKind.Invoice,
    ];

    public static async Task<StoredSnapshot?> LoadAsync(BillingDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Set<BillingSettingRow>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var ownCompanyId = settings.TryGetValue(BillingDataStore.OwnCompanySetting, out var own) ? int.Parse(own, CultureInfo.InvariantCulture) : (int?)null;
        var start = settings.TryGetValue(BillingDataStore.PeriodStartSetting, out var s) ? DateOnly.Parse(s, CultureInfo.InvariantCulture) : (DateOnly?)null;
        var end = settings.TryGetValue(BillingDataStore.PeriodEndSetting, out var e) ? DateOnly.Parse(e, CultureInfo.InvariantCulture) : (DateOnly?)null;

        // Without a stored period the header is known only after the time entries are read: hash afterwards then.
        var header = new BillingSnapshot { OwnCompanyId = ownCompanyId ?? 0, PeriodStart = start ?? default, PeriodEnd = end ?? default };
        using var hash = start is not null && end is not null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var lists = await ReadListsAsync(db, hash, Frame(header), cancellationToken);
        var timeEntries = (TimeEntry[])lists[EntityKind.TimeEntry];
        if (timeEntries.Length == 0 && ownCompanyId is null)
        {
            return null;
        }

        var snapshot = header with
        {
            PeriodStart = start ?? timeEntries.Select(t => DateOnly.FromDateTime(t.TimeStart.UtcDateTime)).DefaultIfEmpty().Min(),
            PeriodEnd = end ?? timeEntries.Select(t => DateOnly.FromDateTime(t.TimeStart.UtcDateTime)).DefaultIfEmpty().Max(),
            Companies = (Company[])lists[EntityKind.Company],
            Members = (Member[])lists[EntityKind.Member],
            WorkTypes = (WorkType[])lists[EntityKind.WorkType],
            WorkRoles = (WorkRole[])lists[EntityKind.WorkRole],
            AgreementTypes = (AgreementType[])lists[EntityKind.AgreementType],
            Agreements = (Agreement[])lists[EntityKind.Agreement],
            Tickets = (ServiceTicket[])lists[EntityKind.ServiceTicket],
            TimeEntries = timeEntries,
            Invoices = (Invoice[])lists[EntityKind.Invoice],
        };
        return new StoredSnapshot(snapshot, hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<Dictionary<EntityKind, Array>> ReadListsAsync(BillingDbContext db, IncrementalHash? hash, byte[][] frame, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(4 * workers) { SingleWriter = true });
        var done = new List<Batch>();
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    batch.Items = Deserialize(batch.Kind, batch.Rows);
                    batch.Rows = [];
                    lock (done)
                    {
                        done.Add(batch);
                    }
                }
            },
            cancellationToken)).ToArray();

        try
        {
            await ProduceAsync(db, channel.Writer, hash, frame, cancellationToken);
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(consumers);
        var batches = done.GroupBy(b => b.Kind).ToDictionary(g => g.Key, g => g.OrderBy(b => b.Sequence).ToList());
        return Order.ToDictionary(kind => kind, kind => Collect(kind, batches.GetValueOrDefault(kind) ?? []));
    }

    private static async Task ProduceAsync(BillingDbContext db, ChannelWriter<Batch> writer, IncrementalHash? hash, byte[][] frame, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        Func<DbDataReader, byte[]> utf8 = connection is SqliteConnection
            ? reader => reader.GetFieldValue<byte[]>(0)
            : reader => Encoding.UTF8.GetBytes(reader.GetString(0));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var k = 0; k < Order.Length; k++)
            {
                hash?.AppendData(frame[k]);
                hash?.AppendData("["u8);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT data_json FROM psa_records WHERE entity = @entity ORDER BY id";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@entity";
                parameter.Value = Order[k].ToString();
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var batch = new Batch(Order[k], 0);
                var first = true;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var json = utf8(reader);
                    if (!first)
                    {
                        hash?.AppendData(","u8);
                    }

                    hash?.AppendData(json);
                    first = false;
                    batch.Rows.Add(json);
                    if (batch.Rows.Count == BatchSize)
                    {
                        await writer.WriteAsync(batch, cancellationToken);
                        batch = new Batch(Order[k], batch.Sequence + 1);
                    }
                }

                if (batch.Rows.Count > 0)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                }

                hash?.AppendData("]"u8);
            }

            hash?.AppendData(frame[^1]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The canonical JSON of the snapshot without its lists, cut where each list goes: serializing the snapshot with
    /// every list empty gives <c>{"ownCompanyId":…,"companies":[],…,"invoices":[]}</c>; the pieces around the nine
    /// <c>[]</c> are the frame.
    /// </summary>
    private static byte[][] Frame(BillingSnapshot header)
    {
        var json = BillingJson.SerializeToUtf8Bytes(header);
        var pieces = new List<byte[]>();
        var from = 0;
        for (var i = 0; i + 1 < json.Length; i++)
        {
            if (json[i] == (byte)'[' && json[i + 1] == (byte)']')
            {
                pieces.Add(json[from..i]);
                from = i + 2;
                i++;
            }
        }

        pieces.Add(json[from..]);
        return pieces.Count == Order.Length + 1
            ? [.. pieces]
            : throw new InvalidOperationException($"Expected {Order.Length} lists in the snapshot JSON, found {pieces.Count - 1}.");
    }

    private static Array Deserialize(EntityKind kind, List<byte[]> rows) => kind switch
    {
        EntityKind.Company => Each<Company>(rows),
        EntityKind.Member => Each<Member>(rows),
        EntityKind.WorkType => Each<WorkType>(rows),
        EntityKind.WorkRole => Each<WorkRole>(rows),
        EntityKind.AgreementType => Each<AgreementType>(rows),
        EntityKind.Agreement => Each<Agreement>(rows),
        EntityKind.ServiceTicket => Each<ServiceTicket>(rows),
        EntityKind.TimeEntry => Each<TimeEntry>(rows),
        EntityKind.Invoice => Each<Invoice>(rows),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static T[] Each<T>(List<byte[]> rows)
    {
        var info = (JsonTypeInfo<T>)BillingJson.Options.GetTypeInfo(typeof(T));
        var items = new T[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = JsonSerializer.Deserialize(rows[i], info) ?? throw new JsonException($"A stored {typeof(T).Name} record holds no JSON object.");
        }

        return items;
    }

    private static Array Collect(EntityKind kind, List<Batch> batches)
    {
        var items = Array.CreateInstance(Deserialize(kind, []).GetType().GetElementType()!, batches.Sum(b => b.Items.Length));
        var at = 0;
        foreach (var batch in batches)
        {
            batch.Items.CopyTo(items, at);
            at += batch.Items.Length;
        }

        return items;
    }

    private sealed class Batch(EntityKind kind, int sequence)
    {
        public EntityKind Kind { get; } = kind;

        public int Sequence { get; } = sequence;

        public List<byte[]> Rows { get; set; } = new(BatchSize);

        public Array Items { get; set; } = Array.Empty<object>();
    }
}
