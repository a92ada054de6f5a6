using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// A workflow action whose result is a report the product generates and files as evidence of the step that ran it, with
/// a link to the live source. The report's id comes from the execution's idempotency key: a replay files nothing twice.
/// </summary>
public abstract class ArtefactAction : IWorkflowAction, IControlEvidence
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public abstract string Name { get; }

    protected abstract string FileName { get; }

    public abstract IReadOnlyList<string> Controls { get; }

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        await using var scope = context.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var (report, sourceUrl, output) = await BuildAsync(scope.ServiceProvider, context, input, cancellationToken);
        var item = await scope.ServiceProvider.GetRequiredService<SystemArtefacts>().CaptureAsync(
            context.IdempotencyKey, context.Instance.Id, context.Activity.Id, FileName, JsonSerializer.SerializeToUtf8Bytes(report, Json), "application/json", sourceUrl, Controls, cancellationToken);
        output["evidenceId"] = item.Id;
        output["sha256"] = item.Sha256;
        output["source"] = sourceUrl;
        return ActionResult.Done(output);
    }

    /// <summary>The report to file, the API address it came from, and what the step outputs.</summary>
    protected abstract Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken);
}
