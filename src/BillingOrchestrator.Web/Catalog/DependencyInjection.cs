namespace BillingOrchestrator.Web.Catalog;

public static class DependencyInjection
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<SourceLinks>();
        return services;
    }
}
