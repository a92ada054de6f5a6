using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Escalation;

public static class DependencyInjection
{
    /// <summary>Escalation paths, the overdue scanner over every <see cref="IOverdueSource"/>, and the <c>escalation.setPaths</c> action.</summary>
    public static IServiceCollection AddEscalation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.AddScoped<EscalationPaths>();
        services.AddScoped<EscalationScanner>();
        services.AddScoped<IOverdueSource, TaskOverdueSource>();
        services.AddWorkflowAction<SetEscalationPathsAction>();
        services.AddHostedService<EscalationWorker>();
        return services;
    }
}
