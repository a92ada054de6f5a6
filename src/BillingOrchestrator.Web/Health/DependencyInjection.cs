using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BillingOrchestrator.Web.Health;

public static class DependencyInjection
{
    private const string Ready = "ready";

    /// <summary>/health/live (the process answers) and /health/ready (the database answers too), for load balancers.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Probes carry no credentials and the answers name no internals: Healthy, Degraded or Unhealthy only.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }
}
