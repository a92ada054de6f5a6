using BillingOrchestrator.Integrations;

namespace BillingOrchestrator.Web.Psa;

public static class DependencyInjection
{
    /// <summary>The ConnectWise integration (client, sync, import) and the log of runs.</summary>
    public static IServiceCollection AddPsa(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectWise(configuration);
        services.AddScoped<PsaSyncLog>();
        return services;
    }
}
