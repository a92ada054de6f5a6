using Npgsql;

namespace BillingOrchestrator.Testing;

public enum TestDatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database for one fixture: a SQLite file in its own temp folder, or a new database on the throwaway
/// PostgreSQL server that scripts/with-postgres.sh started (BO_TEST_POSTGRES). A missing server fails the test: no
/// silent skipping.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "BO_TEST_POSTGRES";

    private readonly string? _postgresAdmin;

    private TestDatabase(TestDatabaseKind kind, string dataDirectory, string? connectionString, string? postgresAdmin, string? databaseName)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
        DatabaseName = databaseName;
    }

    public TestDatabaseKind Kind { get; }

    public string DataDirectory { get; }

    /// <summary>Null for SQLite: the product derives it from <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; }

    public string? DatabaseName { get; }

    public static async Task<TestDatabase> CreateAsync(TestDatabaseKind kind)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("bo-test-").FullName;
        if (kind == TestDatabaseKind.Sqlite)
        {
            return new TestDatabase(kind, dataDirectory, null, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL server.");
        }

        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 };
        return new TestDatabase(kind, dataDirectory, builder.ConnectionString, admin, name);
    }

    /// <summary>An existing SQLite data directory (e.g. a restored backup), deleted with the fixture.</summary>
    public static TestDatabase ForSqliteDirectory(string dataDirectory) => new(TestDatabaseKind.Sqlite, dataDirectory, null, null, null);

    /// <summary>Configuration keys that point the product at this database.</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["DataDirectory"] = DataDirectory,
        ["Database:Provider"] = Kind.ToString(),
        ["Database:ConnectionString"] = ConnectionString ?? "",
    };

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgresAdmin is not null && DatabaseName is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
