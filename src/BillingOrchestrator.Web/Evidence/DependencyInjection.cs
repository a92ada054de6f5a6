using BillingOrchestrator.Evidence;

namespace BillingOrchestrator.Web.Evidence;

public static class DependencyInjection
{
    /// <summary>The evidence store and brief renderer, plus the gate rules and queries over stored evidence.</summary>
    public static WebApplicationBuilder AddEvidenceFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddEvidence(Persistence.DependencyInjection.DataDirectory(builder.Configuration), builder.Configuration);
        builder.Services.AddScoped<GateBriefs>();
        builder.Services.AddScoped<BriefFigures>();
        builder.Services.AddScoped<EvidenceQueries>();
        return builder;
    }
}
