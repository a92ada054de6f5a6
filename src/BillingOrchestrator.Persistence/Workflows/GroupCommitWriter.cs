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

    public Task<T> WriteAsync<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        DbConnection? connection = null;
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
                    connection ??= await _database.OpenAsync(stopping);
                    await CommitBatchAsync(connection, batch, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogBatchFailed(_logger, ex, batch.Count);
                    foreach (var write in batch)
                    {
                        write.Fail(ex);
                    }

                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
            }
        }
    }

    private static async Task CommitBatchAsync(DbConnection connection, List<IPendingWrite> batch, CancellationToken stopping)
    {
        await using var transaction = await connection.BeginTransactionAsync(stopping);
        var session = new SqlWriteSession(connection, transaction);
        var single = batch.Count == 1;
        foreach (var write in batch)
        {
            if (!single)
            {
                await session.ExecuteAsync("SAVEPOINT unit", stopping);
            }

            try
            {
                await write.RunAsync(session);
                if (!single)
                {
                    await session.ExecuteAsync("RELEASE SAVEPOINT unit", stopping);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                if (single)
                {
                    await transaction.RollbackAsync(stopping);
                    write.Fail(ex);
                    return;
                }

                await session.ExecuteAsync("ROLLBACK TO SAVEPOINT unit", stopping);
                await session.ExecuteAsync("RELEASE SAVEPOINT unit", stopping);
                write.StageFailure(ex);
            }
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

    private interface IPendingWrite
    {
        bool IsCancelled { get; }

        ValueTask RunAsync(SqlWriteSession session);

        void StageFailure(Exception exception);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<IWorkflowWriteSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) : IPendingWrite
    {
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
