using BillingOrchestrator.Workflows;

namespace BillingOrchestrator.Web.Validation;

public static class DependencyInjection
{
    /// <summary>Validation runs over stored PSA data, and the <c>billing.validate</c> workflow action.</summary>
    public static IServiceCollection AddValidation(this IServiceCollection services)
    {
        services.AddScoped<ValidationRuns>();
        services.AddWorkflowAction<ValidateAction>();
        return services;
    }
}
