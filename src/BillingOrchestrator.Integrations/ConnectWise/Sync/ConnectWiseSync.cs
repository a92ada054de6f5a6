using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Integrations.Import;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>
/// Incremental sync from the ConnectWise API into an <see cref="IPsaRecordStore"/>, one kind at a time in dependency
/// order (companies, members, work types, work roles, agreement types, agreements, tickets, time entries, invoices).
/// <para>
/// For each kind it reads the store's cursor, lists the records changed since (<c>conditions=lastUpdated&gt;[cursor]</c>,
/// sorted by id), maps each page to domain records and upserts it. Agreements are stored with their sub-resources,
/// fetched again for every agreement that changed. References (a time entry's company, agreement, ...) are ids.
/// </para>
/// <para>
/// Crash safety: every page is upserted as soon as it is read, and the kind's cursor moves, in the same upsert as its
/// last page, only once the kind has been read to the end. A cursor taken from a page in the middle would be unsafe:
/// pages come in id order, so records later in the list can be older than ones already read and would never be read
/// again. After a crash or an API error the next run therefore re-reads the interrupted kind from its last committed
/// cursor; the pages stored before are upserted again unchanged (upserts are idempotent by kind and id), and kinds that
/// finished are not read again. The cursor is the newest <c>lastUpdated</c> read, but never later than the run's start
/// less <see cref="ClockSkewAllowance"/>, so a record edited while the run was reading is read again next time.
/// </para>
/// <para>
/// A record that cannot be mapped is reported (endpoint, record id, field, reason) and skipped; the others are stored,
/// and the cursor moves past it (it is read again when it changes in ConnectWise, or by a <see cref="SyncMode.Full"/>
/// run). An API error (rejected credentials, a server that keeps failing) stops the run and is reported. Nothing
/// logged or reported contains the API keys.
/// </para>
/// </summary>
public sealed partial class ConnectWiseSync
{
    /// <summary>The <c>source</c> every upsert is labelled with.</summary>
    public const string Source = "connectwise-api";

    /// <summary>How far the cursor stays behind the run's start, for records being edited meanwhile and for clock skew.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>The id never changes, so editing a record while it is being paged through never shifts the pages.</summary>
    private const string StableOrder = "id asc";

    private readonly ConnectWiseClient client;
    private readonly IPsaRecordStore store;
    private readonly ConnectWiseOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ConnectWiseSync> logger;

    public ConnectWiseSync(ConnectWiseClient client, IPsaRecordStore store, IOptions<ConnectWiseOptions> options, TimeProvider time, ILogger<ConnectWiseSync> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.client = client;
        this.store = store;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    public Task<SyncReport> RunAsync(CancellationToken cancellationToken) => RunAsync(SyncMode.Incremental, cancellationToken);

    /// <summary>
    /// Syncs every kind and reports what happened. API failures end up in the report; a failing store and
    /// cancellation throw, leaving every page already upserted in place and the interrupted kind's cursor where it was.
    /// </summary>
    public async Task<SyncReport> RunAsync(SyncMode mode, CancellationToken cancellationToken)
    {
        var run = new Run(mode, time.GetUtcNow(), time.GetTimestamp());
        LogStarting(logger, mode);
        try
        {
            await SyncKindAsync(run, EntityKind.Company, ConnectWiseEndpoints.Companies, Each<Cw.Company, Company>(ConnectWiseEndpoints.Companies, ConnectWiseMapper.MapCompany, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.Member, ConnectWiseEndpoints.Members, Each<Cw.Member, Member>(ConnectWiseEndpoints.Members, ConnectWiseMapper.MapMember, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.WorkType, ConnectWiseEndpoints.WorkTypes, Each<Cw.WorkType, WorkType>(ConnectWiseEndpoints.WorkTypes, ConnectWiseMapper.MapWorkType, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.WorkRole, ConnectWiseEndpoints.WorkRoles, Each<Cw.WorkRole, WorkRole>(ConnectWiseEndpoints.WorkRoles, ConnectWiseMapper.MapWorkRole, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.AgreementType, ConnectWiseEndpoints.AgreementTypes, Each<Cw.AgreementType, AgreementType>(ConnectWiseEndpoints.AgreementTypes, ConnectWiseMapper.MapAgreementType, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync<Cw.Agreement>(run, EntityKind.Agreement, ConnectWiseEndpoints.Agreements, MapAgreementsAsync, cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.ServiceTicket, ConnectWiseEndpoints.Tickets, Each<Cw.Ticket, ServiceTicket>(ConnectWiseEndpoints.Tickets, ConnectWiseMapper.MapTicket, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.TimeEntry, ConnectWiseEndpoints.TimeEntries, Each<Cw.TimeEntry, TimeEntry>(ConnectWiseEndpoints.TimeEntries, ConnectWiseMapper.MapTimeEntry, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
            await SyncKindAsync(run, EntityKind.Invoice, ConnectWiseEndpoints.Invoices, Each<Cw.Invoice, Invoice>(ConnectWiseEndpoints.Invoices, ConnectWiseMapper.MapInvoice, ConnectWiseMapper.ToRecord), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectWiseApiException ex)
        {
            // The client has already redacted the message; redacting again costs nothing and guards future messages.
            run.Error = options.Redact(ex.Message);
            run.ErrorKind = ex.Kind;
            LogStopped(logger, run.Current?.Kind, ex.Kind, ex.Endpoint, run.Error);
        }

        var report = run.ToReport(time.GetUtcNow(), time.GetElapsedTime(run.Timestamp));
        LogFinished(logger, report);
        return report;
    }

    private async Task SyncKindAsync<T>(Run run, EntityKind kind, string endpoint, MapBatch<T> map, CancellationToken cancellationToken)
        where T : Cw.IConnectWiseRecord
    {
        var before = await store.GetCursorAsync(kind, cancellationToken).ConfigureAwait(false);
        var progress = run.Start(kind, before);
        var since = run.Mode == SyncMode.Full ? null : before;
        var conditions = since is { } s ? ConnectWiseConditions.UpdatedSince(s) : null;
        DateTimeOffset? newest = null;
        var batch = new List<T>(options.PageSize);
        await foreach (var record in client.ListAsync<T>(endpoint, conditions, StableOrder, cancellationToken).ConfigureAwait(false))
        {
            progress.Read++;
            newest = Later(newest, record.Info?.LastUpdated);
            batch.Add(record);
            if (batch.Count >= options.PageSize)
            {
                await CommitAsync(run, progress, batch, map, null, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        // Everything changed since `before` has now been read; the cursor moves with the last page.
        var after = newest is { } read ? Later(before, Earlier(read, run.Settled)) : before;
        var moved = after != before ? after : null;
        if (batch.Count > 0 || moved is not null)
        {
            await CommitAsync(run, progress, batch, map, moved, cancellationToken).ConfigureAwait(false);
        }

        progress.CursorAfter = after;
        LogKindSynced(logger, kind, progress.Read, progress.Upserted, progress.Problems, after);
    }

    private async Task CommitAsync<T>(Run run, Progress progress, List<T> batch, MapBatch<T> map, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        var before = run.Problems.Count;
        var records = await map(batch, run.Problems, cancellationToken).ConfigureAwait(false);
        progress.Problems += run.Problems.Count - before;
        await store.UpsertAsync(progress.Kind, records, cursor, Source, cancellationToken).ConfigureAwait(false);
        progress.Upserted += records.Count;
    }

    /// <summary>Each agreement with its sub-resources, read again from ConnectWise because the agreement changed.</summary>
    private async Task<List<PsaRecord>> MapAgreementsAsync(IReadOnlyList<Cw.Agreement> batch, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var records = new List<PsaRecord>(batch.Count);
        foreach (var agreement in batch)
        {
            var id = agreement.Id;
            var parts = id <= 0
                ? AgreementParts.None
                : ConnectWiseMapper.MapParts(
                    await ReadAsync(client.GetAgreementWorkTypesAsync(id, cancellationToken), ConnectWiseEndpoints.AgreementWorkTypes(id), cancellationToken).ConfigureAwait(false),
                    await ReadAsync(client.GetAgreementWorkRolesAsync(id, cancellationToken), ConnectWiseEndpoints.AgreementWorkRoles(id), cancellationToken).ConfigureAwait(false),
                    await ReadAsync(client.GetAgreementWorkTypeExclusionsAsync(id, cancellationToken), ConnectWiseEndpoints.AgreementWorkTypeExclusions(id), cancellationToken).ConfigureAwait(false),
                    await ReadAsync(client.GetAgreementWorkRoleExclusionsAsync(id, cancellationToken), ConnectWiseEndpoints.AgreementWorkRoleExclusions(id), cancellationToken).ConfigureAwait(false),
                    await ReadAsync(client.GetAgreementAdditionsAsync(id, cancellationToken), ConnectWiseEndpoints.AgreementAdditions(id), cancellationToken).ConfigureAwait(false),
                    problems);

            // Mapped even when a sub-resource failed, so the agreement's own problems are reported too.
            var mapped = ConnectWiseMapper.MapAgreement(agreement, parts ?? AgreementParts.None, ConnectWiseEndpoints.Agreements, id, problems);
            if (parts is not null && mapped is not null)
            {
                records.Add(ConnectWiseMapper.ToRecord(mapped));
            }
        }

        return records;
    }

    private static async Task<List<Located<T>>> ReadAsync<T>(IAsyncEnumerable<T> records, string endpoint, CancellationToken cancellationToken)
        where T : Cw.IConnectWiseRecord =>
        [.. (await records.ToListAsync(cancellationToken).ConfigureAwait(false)).Select(r => new Located<T>(r, endpoint, r.Id))];

    private static MapBatch<TSource> Each<TSource, TDomain>(
        string endpoint, Func<TSource, string, int, ICollection<ImportProblem>, TDomain?> map, Func<TDomain, DateTimeOffset?, PsaRecord> toRecord)
        where TSource : Cw.IConnectWiseRecord
        where TDomain : class =>
        (batch, problems, _) => Task.FromResult<List<PsaRecord>>(
            [.. batch.Select(r => map(r, endpoint, r.Id, problems) is { } mapped ? toRecord(mapped, r.Info?.LastUpdated) : null).OfType<PsaRecord>()]);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "ConnectWise {Mode} sync starting")]
    private static partial void LogStarting(ILogger logger, SyncMode mode);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "ConnectWise sync {Kind}: {Read} read, {Upserted} stored, {Problems} skipped for mapping problems; cursor {Cursor}")]
    private static partial void LogKindSynced(ILogger logger, EntityKind kind, int read, int upserted, int problems, DateTimeOffset? cursor);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "ConnectWise sync stopped at {Kind}: {ErrorKind} calling {Endpoint}: {Error}")]
    private static partial void LogStopped(ILogger logger, EntityKind? kind, ConnectWiseErrorKind errorKind, string endpoint, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "{Report}")]
    private static partial void LogFinished(ILogger logger, SyncReport report);

    private delegate Task<List<PsaRecord>> MapBatch<in T>(IReadOnlyList<T> batch, List<ImportProblem> problems, CancellationToken cancellationToken);

    /// <summary>One run's state while it goes through the kinds.</summary>
    private sealed class Run(SyncMode mode, DateTimeOffset startedAt, long timestamp)
    {
        private readonly List<Progress> kinds = [];

        public SyncMode Mode { get; } = mode;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long Timestamp { get; } = timestamp;

        /// <summary>The latest cursor this run may store: records newer than this may still be changing.</summary>
        public DateTimeOffset Settled { get; } = startedAt - ClockSkewAllowance;

        public List<ImportProblem> Problems { get; } = [];

        public Progress? Current => kinds.Count > 0 ? kinds[^1] : null;

        public string? Error { get; set; }

        public ConnectWiseErrorKind? ErrorKind { get; set; }

        public Progress Start(EntityKind kind, DateTimeOffset? cursor)
        {
            var progress = new Progress(kind, cursor);
            kinds.Add(progress);
            return progress;
        }

        public SyncReport ToReport(DateTimeOffset finishedAt, TimeSpan duration) => new()
        {
            Mode = Mode,
            StartedAt = StartedAt,
            FinishedAt = finishedAt,
            Duration = duration,
            Kinds = [.. kinds.Select(k => new SyncKindReport(k.Kind, k.Read, k.Upserted, k.Problems, k.CursorBefore, k.CursorAfter))],
            Problems = [.. Problems],
            Error = Error,
            ErrorKind = ErrorKind,
        };
    }

    private sealed class Progress(EntityKind kind, DateTimeOffset? cursor)
    {
        public EntityKind Kind { get; } = kind;

        public DateTimeOffset? CursorBefore { get; } = cursor;

        /// <summary>Where the cursor stands; it only moves when the kind is read to the end.</summary>
        public DateTimeOffset? CursorAfter { get; set; } = cursor;

        public int Read { get; set; }

        public int Upserted { get; set; }

        public int Problems { get; set; }
    }
}
