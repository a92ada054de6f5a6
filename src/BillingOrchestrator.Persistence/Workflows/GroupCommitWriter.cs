using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Persistence.Workflows;

/// <summary>
/// One writer connection; units of work that arrive together share one transaction and so one fsync (group commit).
/// Each unit runs under its own savepoint, so a unit that throws is undone alone. Callers are released only after the
/// transaction committed: an acknowledged write is durable. Urgent units skip the queue: the next batch takes every
/// urgent unit first and at most <see cref="MaxBesideUrgent"/> queued ones beside them, so a person's write waits for
/// the batch in progress and a short one, not for the bulk work queued ahead of it.
/// </summary>
public sealed partial class GroupCommitWriter : IWorkflowWriter, IAsyncDisposable
{
    private const int MaxBatch = 256;

    /// <summary>Queued (not urgent) units that may share a batch with urgent ones.</summary>
    private const int MaxBesideUrgent = 8;

    /// <summary>
    /// While urgent units wait (or ride in the batch), a batch commits once its units have run this long, before its next
    /// bulk unit; the bulk units it has not run go to the next batch, behind the urgent ones and ahead of newer bulk
    /// units. Urgent units are never cut off (they come first in a batch). Bulk units can be long (pipelined steps).
    /// </summary>
    private static readonly TimeSpan UrgentSlice = TimeSpan.FromMilliseconds(2);

    private readonly WorkflowDatabase _database;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<IPendingWrite> _urgent = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GroupCommitWriter(WorkflowDatabase database, ILogger<GroupCommitWriter> logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public Task<T> WriteAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, bool urgent = false) =>
        Enqueue(work, replayable: false, urgent, cancellationToken);

    public Task<T> WriteReplayableAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, bool urgent = false) =>
        Enqueue(work, replayable: true, urgent, cancellationToken);

    private Task<T> Enqueue<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, bool replayable, bool urgent, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, replayable, urgent, cancellationToken);
        if (urgent)
        {
            // Queued beside the channel; the wake-up in the channel makes the loop look.
            _urgent.Enqueue(pending);
        }

        if (!_queue.Writer.TryWrite(urgent ? WakeUp.Instance : pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        DbConnection? connection = null;
        SqlWriteSession? session = null;
        var batch = new List<IPendingWrite>(MaxBatch);
        var carried = new List<IPendingWrite>();
        try
        {
            while (carried.Count > 0 || await _queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _urgent.TryDequeue(out var urgent))
                {
                    if (!urgent.IsCancelled)
                    {
                        batch.Add(urgent);
                    }
                }

                var hasUrgent = batch.Count > 0;
                var limit = hasUrgent ? Math.Min(MaxBatch, batch.Count + MaxBesideUrgent) : MaxBatch;

                // Units a batch cut short did not run: they go first after the urgent ones, in their order.
                batch.AddRange(carried);
                carried.Clear();
                while (batch.Count < limit && _queue.Reader.TryRead(out var next))
                {
                    if (next is not WakeUp && !next.IsCancelled)
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    if (connection is null)
                    {
                        connection = await _database.OpenAsync(stopping);
                        session = new SqlWriteSession(connection);
                    }

                    var committed = await CommitBatchAsync(connection, session!, batch, hasUrgent, stopping);
                    carried.AddRange(batch.Skip(committed));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogBatchFailed(_logger, ex, batch.Count);
                    foreach (var write in batch)
                    {
                        write.Fail(ex);
                    }

                    // Start over on a fresh connection, with freshly prepared statements.
                    await CloseAsync(session, connection);
                    (session, connection) = (null, null);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseAsync(session, connection);
            while (_queue.Reader.TryRead(out var left))
            {
                left.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
            }

            while (_urgent.TryDequeue(out var left))
            {
                left.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
            }

            foreach (var left in carried)
            {
                left.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
            }
        }
    }

    private static async ValueTask CloseAsync(SqlWriteSession? session, DbConnection? connection)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Runs the batch's units in one transaction and commits; returns how many ran (a cut leaves the rest for the next batch).</summary>
    private async Task<int> CommitBatchAsync(DbConnection connection, SqlWriteSession session, List<IPendingWrite> batch, bool hasUrgent, CancellationToken stopping)
    {
        await using var transaction = await connection.BeginTransactionAsync(stopping);
        session.Begin(transaction);
        var ran = 1;
        if (batch.Count == 1)
        {
            try
            {
                await batch[0].RunAsync(session);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await transaction.RollbackAsync(stopping);
                batch[0].Fail(ex);
                return 1;
            }
        }
        else
        {
            var started = Stopwatch.GetTimestamp();
            ran = await new SavepointedBatch(
                session,
                batch,
                next => !batch[next].Urgent && (hasUrgent || !_urgent.IsEmpty) && Stopwatch.GetElapsedTime(started) > UrgentSlice,
                stopping).RunAsync();
        }

        await transaction.CommitAsync(stopping);
        for (var i = 0; i < ran; i++)
        {
            batch[i].Complete();
        }

        return ran;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} units of work failed; each caller sees the error")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    /// <summary>
    /// Runs the units of a shared transaction so that a unit that throws is undone alone. A unit gets its own savepoint;
    /// consecutive replayable units share one (a savepoint statement per unit is a third of the statements of a typical
    /// step), and if one of them throws, that run is undone and replayed with a savepoint per unit.
    /// </summary>
    private sealed class SavepointedBatch(SqlWriteSession session, List<IPendingWrite> batch, Func<int, bool> cutBefore, CancellationToken stopping)
    {
        // A unit's savepoint is released together with the next SAVEPOINT (one statement, one round trip on
        // PostgreSQL), or after the last unit.
        private bool _releasePending;

        /// <summary>Runs the units in order until <c>cutBefore</c> the next one says to commit; returns how many ran.</summary>
        public async Task<int> RunAsync()
        {
            var i = 0;
            while (i < batch.Count && (i == 0 || !cutBefore(i)))
            {
                var end = i;
                while (end < batch.Count && batch[end].Replayable)
                {
                    end++;
                }

                if (end - i > 1 && await TryRunTogetherAsync(i, end) is > 0 and var together)
                {
                    i += together;
                    continue;
                }

                for (end = Math.Max(end, i + 1); i < end; i++)
                {
                    await RunAloneAsync(batch[i]);
                }
            }

            if (_releasePending)
            {
                await session.ExecuteAsync("RELEASE SAVEPOINT unit", stopping);
            }

            return i;
        }

        /// <summary>Runs replayable units under one savepoint; how many ran, or 0 when one threw (then none of them counts).</summary>
        private async Task<int> TryRunTogetherAsync(int start, int end)
        {
            await session.ExecuteAsync(_releasePending ? "RELEASE SAVEPOINT unit; SAVEPOINT run" : "SAVEPOINT run", stopping);
            _releasePending = false;
            try
            {
                for (var i = start; i < end; i++)
                {
                    await batch[i].RunAsync(session);
                    if (i + 1 < end && cutBefore(i + 1))
                    {
                        end = i + 1;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await session.ExecuteAsync("ROLLBACK TO SAVEPOINT run; RELEASE SAVEPOINT run", stopping);
                return 0;
            }

            await session.ExecuteAsync("RELEASE SAVEPOINT run", stopping);
            return end - start;
        }

        private async Task RunAloneAsync(IPendingWrite write)
        {
            await session.ExecuteAsync(_releasePending ? "RELEASE SAVEPOINT unit; SAVEPOINT unit" : "SAVEPOINT unit", stopping);
            _releasePending = false;
            try
            {
                await write.RunAsync(session);
                _releasePending = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await session.ExecuteAsync("ROLLBACK TO SAVEPOINT unit; RELEASE SAVEPOINT unit", stopping);
                write.StageFailure(ex);
            }
        }
    }

    private interface IPendingWrite
    {
        bool IsCancelled { get; }

        /// <summary>Set by <see cref="WriteReplayableAsync{T}"/>: the unit may run again after its writes were undone.</summary>
        bool Replayable { get; }

        bool Urgent { get; }

        ValueTask RunAsync(SqlWriteSession session);

        void StageFailure(Exception exception);

        void Complete();

        void Fail(Exception exception);
    }

    /// <summary>Put in the channel for an urgent unit (which waits in its own queue) so that the loop wakes up.</summary>
    private sealed class WakeUp : IPendingWrite
    {
        public static readonly WakeUp Instance = new();

        public bool IsCancelled => false;

        public bool Replayable => true;

        public bool Urgent => false;

        public ValueTask RunAsync(SqlWriteSession session) => ValueTask.CompletedTask;

        public void StageFailure(Exception exception)
        {
        }

        public void Complete()
        {
        }

        public void Fail(Exception exception)
        {
        }
    }

    private sealed class PendingWrite<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, bool replayable, bool urgent, CancellationToken cancellationToken) : IPendingWrite
    {
        public bool Replayable => replayable;

        public bool Urgent => urgent;

        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _completion.Task;

        public bool IsCancelled
        {
            get
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                _completion.TrySetCanceled(cancellationToken);
                return true;
            }
        }

        public async ValueTask RunAsync(SqlWriteSession session)
        {
            _failure = null;
            _result = await work(session, cancellationToken);
        }

        public void StageFailure(Exception exception) => _failure = exception;

        public void Complete()
        {
            if (_failure is not null)
            {
                _completion.TrySetException(_failure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
