using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Playbook;

public static class DependencyInjection
{
    /// <summary>The playbook's step order and gates, and the reports its steps file as evidence.</summary>
    public static IServiceCollection AddPlaybook(this IServiceCollection services)
    {
        services.AddScoped<GateGuard>();
        services.AddScoped<SystemArtefacts>();
        services.AddWorkflowAction<CatalogReportAction>();
        services.AddWorkflowAction<ClassificationReportAction>();
        services.AddWorkflowAction<LeakageSnapshotAction>();
        return services;
    }
}
