using BillingOrchestrator.Persistence;
using Quartz;

namespace BillingOrchestrator.Web.Scheduling;

public static class DependencyInjection
{
    /// <summary>
    /// Quartz.NET with its ADO job store in the product's own database (tables created at start if missing): SQLite for
    /// one host, PostgreSQL clustered so several hosts share the schedules and each firing runs on one of them.
    /// Register after <c>AddPersistence</c>, so the database is migrated before the scheduler starts.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.Configure<SchedulingOptions>(section);
        services.AddScoped<WorkflowSchedules>();
        services.AddScoped<ScheduleFirings>();
        services.AddSingleton<ScheduleConfigurationReport>();
        var settings = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        var (provider, connectionString) = Persistence.DependencyInjection.ResolveDatabase(configuration);
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ProvisionSchema();
            });
        });
        services.Configure<QuartzSchedulerOptions>(o =>
        {
            o.InstanceName = settings.SchedulerName;
            o.GenerateInstanceId = provider == DatabaseProvider.Postgres;
        });
        if (settings.Enabled)
        {
            // Started with the host rather than after it, so the registrar below finds the tables the store creates.
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = true;
                o.AwaitApplicationStarted = false;
            });
            services.AddHostedService<ScheduleRegistrar>();
        }

        return services;
    }
}
