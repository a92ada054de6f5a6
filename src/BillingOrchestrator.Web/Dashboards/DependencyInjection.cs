using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Dashboards;

public static class DependencyInjection
{
    /// <summary>The weekly leakage dashboard (playbook step 5) and its <c>dashboard.snapshot</c> workflow action.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<LeakageSnapshots>();
        services.AddWorkflowAction<DashboardSnapshotAction>();
        return services;
    }
}
