using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Sync;

namespace BillingOrchestrator.Integrations.Tests.Support;

/// <summary>
/// The <see cref="IPsaRecordStore"/> contract in a dictionary, for unit tests of what is written through it (the EF
/// store is tested on real databases elsewhere): upserts by (kind, id) together with the cursor, all or nothing; a
/// replace swaps every record at once (cursors are left alone: the contract does not say). <see cref="FailOnUpsert"/>
/// makes one upsert throw before writing, as a crash would.
/// </summary>
public sealed class InMemoryPsaRecordStore : IPsaRecordStore
{
    private readonly Lock gate = new();
    private readonly List<UpsertCall> upserts = [];
    private Dictionary<(EntityKind Kind, int Id), PsaRecord> records = [];
    private readonly Dictionary<EntityKind, DateTimeOffset> cursors = [];
    private int upsertCount;

    /// <summary>The upsert call (1-based, over the store's life) that throws instead of writing anything; null for none.</summary>
    public int? FailOnUpsert { get; set; }

    public int ReplaceAllCalls { get; private set; }

    public string? LastReplaceSource { get; private set; }

    /// <summary>Every upsert that was written, in order.</summary>
    public IReadOnlyList<UpsertCall> Upserts
    {
        get
        {
            lock (gate)
            {
                return [.. upserts];
            }
        }
    }

    public IReadOnlyDictionary<(EntityKind Kind, int Id), PsaRecord> Records
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<(EntityKind Kind, int Id), PsaRecord>(records);
            }
        }
    }

    public IReadOnlyDictionary<EntityKind, DateTimeOffset> Cursors
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<EntityKind, DateTimeOffset>(cursors);
            }
        }
    }

    public PsaRecord Get(EntityKind kind, int id) => Records[(kind, id)];

    public Task<DateTimeOffset?> GetCursorAsync(EntityKind kind, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<DateTimeOffset?>(cursors.TryGetValue(kind, out var cursor) ? cursor : null);
        }
    }

    public Task UpsertAsync(EntityKind kind, IReadOnlyList<PsaRecord> records, DateTimeOffset? cursor, string source, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            upsertCount++;
            if (upsertCount == FailOnUpsert)
            {
                throw new IOException($"simulated crash during upsert #{upsertCount}");
            }

            if (records.FirstOrDefault(r => r.Kind != kind) is { } stray)
            {
                throw new ArgumentException($"a {stray.Kind} record in a {kind} upsert", nameof(records));
            }

            foreach (var record in records)
            {
                this.records[(record.Kind, record.Id)] = record;
            }

            if (cursor is { } moved)
            {
                cursors[kind] = moved;
            }

            upserts.Add(new UpsertCall(kind, [.. records.Select(r => r.Id)], cursor, source));
        }

        return Task.CompletedTask;
    }

    public Task ReplaceAllAsync(IReadOnlyList<PsaRecord> records, string source, CancellationToken cancellationToken)
    {
        var replacement = new Dictionary<(EntityKind Kind, int Id), PsaRecord>();
        foreach (var record in records)
        {
            if (!replacement.TryAdd((record.Kind, record.Id), record))
            {
                throw new ArgumentException($"{record.Kind} {record.Id} appears twice", nameof(records));
            }
        }

        lock (gate)
        {
            this.records = replacement;
            ReplaceAllCalls++;
            LastReplaceSource = source;
        }

        return Task.CompletedTask;
    }
}

/// <summary>One upsert as the store received it.</summary>
public sealed record UpsertCall(EntityKind Kind, IReadOnlyList<int> Ids, DateTimeOffset? Cursor, string Source);
