using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BillingOrchestrator.Persistence;

/// <summary>The resolved database: provider and connection string, and raw connections for the engine's write path.</summary>
public sealed class WorkflowDatabase : IDisposable
{
    /// <summary>
    /// WAL with synchronous=FULL: every acknowledged commit survives a power cut. Group commit keeps that affordable.
    /// </summary>
    public const string SqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    private readonly NpgsqlDataSource? _postgres;

    public WorkflowDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(WithAutoPrepare(connectionString));
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = SqlitePragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// The engine's own connections prepare their statements server-side once used a few times (Npgsql auto-prepare), so
    /// PostgreSQL does not parse and plan them again per call. A <c>Max Auto Prepare</c> already in the connection string wins.
    /// Only the engine's data source is affected; EF keeps the connection string as given.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public static string SqliteConnectionString(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "billing.db"), Pooling = true }.ToString();
    }

    public void Dispose() => _postgres?.Dispose();
}
