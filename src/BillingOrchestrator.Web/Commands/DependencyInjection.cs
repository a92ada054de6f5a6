using Mediator;

namespace BillingOrchestrator.Web.Commands;

public static class DependencyInjection
{
    /// <summary>The mediator (source-generated) with the validating, auditing command pipeline.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(CommandPipeline<,>));
        return services;
    }
}
