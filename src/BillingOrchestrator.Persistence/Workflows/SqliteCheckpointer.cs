using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Persistence.Workflows;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file on a connection of its own. SQLite's automatic
/// checkpoint runs inside the commit that crosses its threshold, on the committing connection: for the group-commit
/// writer that means every few dozen batches stall all waiting callers while a few MB are read, written and synced.
/// The writer turns the automatic checkpoint off (<see cref="WriterPragmas"/>) and signals this after each commit;
/// checkpoints then run beside the writer (PASSIVE never blocks it), at most every <see cref="Interval"/>.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>For the writer's connection: no automatic checkpoint, and a page cache that holds the hot pages of a busy host.</summary>
    public const string WriterPragmas = "PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-65536;";

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly WorkflowDatabase _database;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;

    public SqliteCheckpointer(WorkflowDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>The writer committed: the log has grown.</summary>
    public void Committed()
    {
        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Signalled already by another commit: one checkpoint covers both.
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        DbConnection? connection = null;
        try
        {
            while (true)
            {
                await _committed.WaitAsync(stopping);
                await Task.Delay(Interval, stopping);
                try
                {
                    connection ??= await _database.OpenAsync(stopping);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await command.ExecuteNonQueryAsync(stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckpointFailed(_logger, ex);
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
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The writer is registered under two service types, so it (and this) may be disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        _committed.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the SQLite write-ahead log failed; trying again after the next commit")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
