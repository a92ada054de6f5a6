namespace BillingOrchestrator.Web.Operations;

public static class DependencyInjection
{
    /// <summary>The exception dashboard's summary: stuck gates, failed syncs, faulted instances, failed notifications.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddScoped<HealthSummaries>();
        return services;
    }
}
