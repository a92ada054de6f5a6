using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Evidence;
using BillingOrchestrator.Persistence.Workflows;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Persistence;

public static class DependencyInjection
{
    /// <summary>
    /// The database (SQLite file under <c>DataDirectory</c> by default, PostgreSQL when <c>Database:Provider</c> is Postgres),
    /// the engine's stores, and migration at start-up. Register before anything that reads the database on start.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var (_, connectionString) = ResolveDatabase(configuration);
        var database = new WorkflowDatabase(options.Provider, connectionString);
        services.AddSingleton(database);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<BillingDbContext, PostgresBillingDbContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            services.AddDbContext<BillingDbContext, SqliteBillingDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor()));
        }

        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IWorkflowWriter>(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.AddScoped<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        services.AddScoped<IWorkflowInstanceStore, EfWorkflowInstanceStore>();
        services.AddScoped<IUserTaskStore, EfUserTaskStore>();
        services.AddScoped<IBookmarkStore, EfBookmarkStore>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddSingleton(AuditChainKey.Load(configuration["Audit:ChainKey"], DataDirectory(configuration)));
        services.AddSingleton(new AuditSealFile(DataDirectory(configuration)));
        services.AddScoped<IPsaRecordStore, EfPsaRecordStore>();
        services.AddScoped<BillingDataStore>();
        services.AddScoped<CatalogStore>();
        if (options.Migrate)
        {
            services.AddHostedService<DatabaseMigrator>();
        }

        return services;
    }

    /// <summary>The configured provider and its connection string (empty on SQLite means <c>{DataDirectory}/billing.db</c>).</summary>
    public static (DatabaseProvider Provider, string ConnectionString) ResolveDatabase(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.Provider switch
        {
            DatabaseProvider.Postgres => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.")
                : options.ConnectionString,
            _ => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? WorkflowDatabase.SqliteConnectionString(DataDirectory(configuration))
                : options.ConnectionString,
        };
        return (options.Provider, connectionString);
    }

    /// <summary>Where the product keeps its files: <c>DataDirectory</c>, default <c>./data</c>.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } configured ? configured : "data");
}
