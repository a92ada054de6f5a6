using BillingOrchestrator.Billing.Governance;

namespace BillingOrchestrator.Web.Governance;

public static class DependencyInjection
{
    /// <summary>The monthly governance review (playbook step 6); thresholds from the <c>Governance</c> section.</summary>
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GovernanceOptions>()
            .Bind(configuration.GetSection("Governance"))
            .Validate(o => o.Validate().Count == 0, "Governance options are invalid: see GovernanceOptions for the ranges.")
            .ValidateOnStart();
        services.AddScoped<GovernanceReviews>();
        return services;
    }
}
