using BillingOrchestrator.Billing.Accounting;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Escalation;
using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Exceptions;

public static class DependencyInjection
{
    /// <summary>Playbook step 4: routed exceptions, dispositions, the invoice batch and the monthly control sample.</summary>
    public static IServiceCollection AddExceptions(this IServiceCollection services, IConfiguration configuration)
    {
        // Materiality threshold, sample size and routing rules come from the "Exceptions" section; a rule naming an unknown role stops start-up.
        services.AddOptions<ExceptionOptions>()
            .Bind(configuration.GetSection("Exceptions"))
            .Validate(o => o.MaterialityThreshold >= 0 && o.SampleSize >= 0, "Exceptions:MaterialityThreshold and Exceptions:SampleSize must not be negative")
            .Validate(o => !o.Routing.Problems(new HashSet<string>(Roles.All)).Any(), "Exceptions:Routing names a role that does not exist")
            .Validate(o => !o.DueDates.Problems().Any(), "Exceptions:DueDates needs positive durations")
            .Validate(o => o.ConfirmationRoles is null || o.ConfirmationRoles.All(Roles.All.Contains), "Exceptions:ConfirmationRoles names a role that does not exist")
            .ValidateOnStart();
        services.AddOptions<AccountingFormatOptions>()
            .Bind(configuration.GetSection("Accounting"))
            .Validate(o => !o.Problems().Any(), "Accounting: an invoice prefix, terms, item, account codes, tax type and date formats are required (see docs/integrations.md)")
            .ValidateOnStart();
        services.AddSingleton<IWorkflowSettings, ExceptionWorkflowSettings>();
        services.AddScoped<ExceptionRegister>();
        services.AddScoped<ExceptionQueries>();
        services.AddScoped<IOverdueSource, ExceptionOverdueSource>();
        services.AddScoped<AccountingFiles>();
        services.AddWorkflowAction<RouteExceptionsAction>();
        services.AddWorkflowAction<ControlSampleAction>();
        return services;
    }
}
