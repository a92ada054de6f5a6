using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOrchestrator.Workflows;

public static class DependencyInjection
{
    /// <summary>
    /// The engine: activity and action registries, parser, runtime and services. A persistence module must add the
    /// stores (<see cref="IWorkflowWriter"/>, <see cref="IWorkflowDefinitionStore"/>, <see cref="IWorkflowInstanceStore"/>, ...).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkflowRuntimeOptions>(configuration.GetSection(WorkflowRuntimeOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        foreach (var activity in new[]
        {
            typeof(StartActivity), typeof(EndActivity), typeof(UserTaskActivity), typeof(QualityGateActivity), typeof(DecisionActivity),
            typeof(ForkActivity), typeof(JoinActivity), typeof(TimerActivity), typeof(RunActionActivity), typeof(NotifyActivity), typeof(EventActivity),
        })
        {
            services.AddSingleton(typeof(IActivityHandler), activity);
        }

        services.AddSingleton<ActivityRegistry>();
        services.AddSingleton<ActionRegistry>();
        services.AddSingleton<WorkflowDefinitionParser>();
        services.AddSingleton<WorkflowDefinitionFiles>();
        services.AddSingleton<DefinitionLoadReport>();
        services.AddSingleton<WorkflowDefinitionCache>();
        services.AddSingleton<WorkflowDispatcher>();
        services.AddSingleton<LeaseOwner>();
        services.AddScoped<WorkflowRunner>();
        services.AddScoped<WorkflowInstanceService>();
        services.AddScoped<WorkflowAlterationService>();
        services.AddScoped<WorkflowDefinitionService>();
        services.AddScoped<UserTaskService>();
        services.AddScoped<TwoPersonRule>();
        services.TryAddScoped<ITaskAssigneeDirectory, NoAssigneeDirectory>();
        services.TryAddSingleton<IWorkflowSettings, NoWorkflowSettings>();
        return services;
    }

    /// <summary>Loads definition files at start-up, then runs instances in the background. Register after the database is migrated.</summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services)
    {
        services.AddHostedService<WorkflowDefinitionLoader>();
        services.AddHostedService<WorkflowHostedService>();
        return services;
    }

    public static IServiceCollection AddWorkflowAction<TAction>(this IServiceCollection services)
        where TAction : class, IWorkflowAction
    {
        services.AddSingleton<IWorkflowAction, TAction>();
        return services;
    }

    public static IServiceCollection AddActivity<THandler>(this IServiceCollection services)
        where THandler : class, IActivityHandler
    {
        services.AddSingleton<IActivityHandler, THandler>();
        return services;
    }
}
