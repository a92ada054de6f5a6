namespace BillingOrchestrator.Persistence;

/// <summary>Which database the product runs on: <c>Database:Provider</c> = Sqlite (default) or Postgres.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Optional for SQLite (defaults to <c>{DataDirectory}/billing.db</c>); required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start-up.</summary>
    public bool Migrate { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
