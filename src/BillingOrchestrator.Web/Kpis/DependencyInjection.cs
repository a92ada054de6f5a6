namespace BillingOrchestrator.Web.Kpis;

public static class DependencyInjection
{
    /// <summary>KPI measurement, the baseline and the weekly series.</summary>
    public static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddScoped<KpiMeasurement>();
        services.AddScoped<KpiHistory>();
        return services;
    }
}
