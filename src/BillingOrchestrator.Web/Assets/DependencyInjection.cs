namespace BillingOrchestrator.Web.Assets;

public static class DependencyInjection
{
    /// <summary>The implementation assets the playbook lists: runbook, KPI and risk/control register, executive and proof briefs.</summary>
    public static IServiceCollection AddImplementationAssets(this IServiceCollection services)
    {
        services.AddScoped<RunbookSource>();
        services.AddScoped<ControlRegister>();
        services.AddScoped<ImplementationAssets>();
        return services;
    }
}
