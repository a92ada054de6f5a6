using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Validation;

public static class DependencyInjection
{
    /// <summary>Validation runs over stored PSA data, and the <c>billing.validate</c> workflow action.</summary>
    public static IServiceCollection AddValidation(this IServiceCollection services, IConfiguration configuration)
    {
        // Check thresholds (stale age, shortfall percent, overlap tolerance, ...) come from the "Validation" section.
        services.Configure<Billing.Checks.ValidationOptions>(configuration.GetSection("Validation"));
        services.AddScoped<ValidationRuns>();
        services.AddWorkflowAction<ValidateAction>();
        return services;
    }
}
