using BillingOrchestrator.Evidence;

namespace BillingOrchestrator.Web.Evidence;

public static class DependencyInjection
{
    /// <summary>The evidence store and brief renderer, the gate rules and queries over stored evidence, and the audit chain's seals.</summary>
    public static WebApplicationBuilder AddEvidenceFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddEvidence(Persistence.DependencyInjection.DataDirectory(builder.Configuration), builder.Configuration);
        builder.Services.AddScoped<GateBriefs>();
        builder.Services.AddScoped<BriefFigures>();
        builder.Services.AddScoped<EvidenceQueries>();
        builder.Services.AddScoped<AuditSealPublisher>();
        builder.Services.AddHostedService<AuditSealSchedule>();
        return builder;
    }
}
