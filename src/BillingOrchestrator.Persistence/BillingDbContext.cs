using System.Text.RegularExpressions;
using BillingOrchestrator.Persistence.Configurations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence;

/// <summary>
/// The product's database. Provider-specific subclasses carry their own migrations; table and column names are
/// snake_case on both so the engine's hand-written SQL reads the same everywhere. Timestamps are stored as Unix
/// milliseconds so both providers compare them server-side.
/// </summary>
public abstract partial class BillingDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<TaskOperation> TaskOperations => Set<TaskOperation>();

    /// <summary>The Data Protection key ring, shared by every host on this database (cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
        }
    }

    internal static string SnakeCase(string name) => UpperCaseBoundary().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperCaseBoundary();
}

public sealed class SqliteBillingDbContext(DbContextOptions<SqliteBillingDbContext> options) : BillingDbContext(options);

public sealed class PostgresBillingDbContext(DbContextOptions<PostgresBillingDbContext> options) : BillingDbContext(options);
