using BillingOrchestrator.Integrations;

namespace BillingOrchestrator.Web.Publications;

public static class DependencyInjection
{
    /// <summary>Evidence packs published to the documentation platform (a folder by default, or a REST endpoint).</summary>
    public static IServiceCollection AddPublications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDocumentationPublishing(configuration, Persistence.DependencyInjection.DataDirectory(configuration));
        services.AddScoped<EvidencePackBuilder>();
        return services;
    }
}
