using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// The workflow action <c>exceptions.route</c>: every finding of the validation run named by the variable
/// <c>input.runVariable</c> (default <c>validation</c>, reading its <c>runId</c>) becomes a routed exception, and the
/// cycle's invoice batch is opened. Outputs the batch id and the exception count; a replay returns the same batch.
/// </summary>
public sealed class RouteExceptionsAction : IWorkflowAction, Playbook.IControlEvidence
{
    public string Name => "exceptions.route";

    /// <summary>The batch this opens is filed as evidence when it is released (the accounting export and the write-offs).</summary>
    public IReadOnlyList<string> Controls => ReleaseInvoiceBatchHandler.FiledControls;

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var variable = input?["runVariable"]?.GetValue<string>() ?? "validation";
        var runId = context.GetVariable($"{variable}.runId")?.GetValue<string>()
            ?? throw new InvalidOperationException($"Variable '{variable}.runId' is not set: route exceptions after a billing.validate step.");
        await using var scope = context.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var batch = await scope.ServiceProvider.GetRequiredService<ExceptionRegister>().OpenAsync(context.Instance.Id, context.Activity.Id, runId, cancellationToken);
        var count = await scope.ServiceProvider.GetRequiredService<Persistence.BillingDbContext>().Set<Billing.Exceptions.BillingException>()
            .CountAsync(e => e.InstanceId == context.Instance.Id, cancellationToken);
        return ActionResult.Done(new JsonObject { ["batchId"] = batch.Id, ["exceptions"] = count, ["runId"] = runId });
    }
}
