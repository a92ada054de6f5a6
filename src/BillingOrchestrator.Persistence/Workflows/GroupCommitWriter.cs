using System.Data.Common;
using System.Threading.Channels;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Persistence.Workflows;

/// <summary>
/// One writer connection; units of work that arrive together share one transaction and so one fsync (group commit).
/// Each unit runs under its own savepoint, so a unit that throws is undone alone. Callers are released only after the
/// transaction committed: an acknowledged write is durable.
/// </summary>
public sealed partial class GroupCommitWriter : IWorkflowWriter, IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly WorkflowDatabase _database;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GroupCommitWriter(WorkflowDatabase database, ILogger<GroupCommitWriter> logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public Task<T> WriteAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        Enqueue(work, replayable: false, cancellationToken);

    public Task<T> WriteReplayableAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        Enqueue(work, replayable: true, cancellationToken);

    private Task<T> Enqueue<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, bool replayable, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, replayable, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
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
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    if (!next.IsCancelled)
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

                    await CommitBatchAsync(connection, session!, batch, stopping);
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

    private static async Task CommitBatchAsync(DbConnection connection, SqlWriteSession session, List<IPendingWrite> batch, CancellationToken stopping)
    {
        await using var transaction = await connection.BeginTransactionAsync(stopping);
        session.Begin(transaction);
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
                return;
            }
        }
        else
        {
            await new SavepointedBatch(session, batch, stopping).RunAsync();
        }

        await transaction.CommitAsync(stopping);
        foreach (var write in batch)
        {
            write.Complete();
        }
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
    private sealed class SavepointedBatch(SqlWriteSession session, List<IPendingWrite> batch, CancellationToken stopping)
    {
        // A unit's savepoint is released together with the next SAVEPOINT (one statement, one round trip on
        // PostgreSQL), or after the last unit.
        private bool _releasePending;

        public async Task RunAsync()
        {
            for (var i = 0; i < batch.Count;)
            {
                var end = i;
                while (end < batch.Count && batch[end].Replayable)
                {
                    end++;
                }

                if (end - i > 1 && await TryRunTogetherAsync(i, end))
                {
                    i = end;
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
        }

        private async Task<bool> TryRunTogetherAsync(int start, int end)
        {
            await session.ExecuteAsync(_releasePending ? "RELEASE SAVEPOINT unit; SAVEPOINT run" : "SAVEPOINT run", stopping);
            _releasePending = false;
            try
            {
                for (var i = start; i < end; i++)
                {
                    await batch[i].RunAsync(session);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await session.ExecuteAsync("ROLLBACK TO SAVEPOINT run; RELEASE SAVEPOINT run", stopping);
                return false;
            }

            await session.ExecuteAsync("RELEASE SAVEPOINT run", stopping);
            return true;
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

        ValueTask RunAsync(SqlWriteSession session);

        void StageFailure(Exception exception);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, bool replayable, CancellationToken cancellationToken) : IPendingWrite
    {
        public bool Replayable => replayable;

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
