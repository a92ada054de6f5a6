using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Validation;

/// <summary>Runs the pre-invoice checks now, over all PSA data or a pilot scope of companies or agreements.</summary>
public sealed record RunValidation(IReadOnlyList<int>? CompanyIds, IReadOnlyList<int>? AgreementIds, ValidationOptions? Options, WorkflowActor Actor)
    : ICommand<ValidationRunView>, IAuditedCommand
{
    public string AuditAction => "validation.run";

    public string? AuditSubject => null;
}

public sealed class RunValidationHandler(ValidationRuns runs, Microsoft.Extensions.Options.IOptions<ValidationOptions> configured) : ICommandHandler<RunValidation, ValidationRunView>
{
    public async ValueTask<ValidationRunView> Handle(RunValidation command, CancellationToken cancellationToken)
    {
        var scope = command.CompanyIds is null && command.AgreementIds is null
            ? ValidationScope.All
            : new ValidationScope { CompanyIds = command.CompanyIds, AgreementIds = command.AgreementIds };
        return await runs.RunAsync(null, scope, command.Options ?? configured.Value, command.Actor.Name, cancellationToken);
    }
}
