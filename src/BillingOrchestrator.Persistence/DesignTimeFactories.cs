using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BillingOrchestrator.Persistence;

/// <summary>Used by <c>dotnet ef migrations add</c> only; the connection strings are placeholders that are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBillingDbContext>
{
    public SqliteBillingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBillingDbContext>
{
    public PostgresBillingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBillingDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
