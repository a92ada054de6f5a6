using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOrchestrator.Persistence;

/// <summary>Applies pending migrations before any other start-up work touches the database.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, WorkflowDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await ReleaseStaleSqliteLockAsync(db, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // EF Core's SQLite migration lock is a table row, so a process killed mid-migration leaves it behind and every later
    // start would wait forever. A SQLite file belongs to one host (its DataDirectory), so a lock seen at start-up is stale.
    private static async Task ReleaseStaleSqliteLockAsync(BillingDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                await using var release = connection.CreateCommand();
                release.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                await release.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
