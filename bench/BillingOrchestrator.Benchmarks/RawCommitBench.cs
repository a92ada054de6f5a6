using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BillingOrchestrator.Benchmarks;

/// <summary>
/// The physical limit: one connection, one ~200-byte row inserted per transaction, committed one after another.
/// Each commit waits for its own flush (fsync on SQLite with synchronous=FULL, WAL flush on PostgreSQL).
/// </summary>
internal static class RawCommitBench
{
    /// <summary>A 200-byte payload, like a small state row.</summary>
    public static readonly string Payload = new string('x', 168) + Guid.NewGuid().ToString("N");

    /// <summary>Commits per second on a fresh SQLite file in <paramref name="directory"/> with WAL and the given synchronous mode.</summary>
    public static async Task<double> SqliteAsync(string directory, string synchronous, TimeSpan duration, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"raw-{synchronous.ToLowerInvariant()}-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA journal_mode";
            var mode = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"journal_mode is {mode}, not wal");
            }
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO rows (payload) VALUES ($payload)";
        var parameter = insert.Parameters.Add("$payload", SqliteType.Text);
        parameter.Value = Payload;

        // A short warm-up, then the measured loop.
        for (var i = 0; i < 50; i++)
        {
            await CommitOneAsync(connection, insert, cancellationToken);
        }

        var commits = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await CommitOneAsync(connection, insert, cancellationToken);
            commits++;
        }

        var rate = commits / watch.Elapsed.TotalSeconds;
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return rate;
    }

    private static async Task CommitOneAsync(SqliteConnection connection, SqliteCommand insert, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        insert.Transaction = transaction;
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Commits per second on PostgreSQL (the server's fsync/synchronous_commit settings), in a fresh database.</summary>
    public static async Task<double> PostgresAsync(string connectionString, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "CREATE TABLE raw_rows (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw_rows (payload) VALUES (@payload)";
        insert.Parameters.AddWithValue("payload", Payload);
        await insert.PrepareAsync(cancellationToken);

        async Task CommitAsync()
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        for (var i = 0; i < 50; i++)
        {
            await CommitAsync();
        }

        var commits = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await CommitAsync();
            commits++;
        }

        return commits / watch.Elapsed.TotalSeconds;
    }
}
