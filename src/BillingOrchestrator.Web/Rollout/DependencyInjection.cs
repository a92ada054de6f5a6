using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Rollout;

public static class DependencyInjection
{
    /// <summary>The 30-day rollout's week-2 pilot: per-finding labels, missed leaks, overrides and their figures.</summary>
    public static IServiceCollection AddRollout(this IServiceCollection services)
    {
        services.AddScoped<PilotRuns>();
        services.AddWorkflowAction<PilotFiguresAction>();
        return services;
    }
}
