using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Validation;

/// <summary>
/// The workflow action <c>billing.validate</c>: runs the pre-invoice checks (optionally scoped with
/// <c>input.companyIds</c> / <c>input.agreementIds</c>, or the company ids in the variable <c>input.companyIdsVariable</c>: the rollout's pilot) and outputs the run id, finding count and money
/// at risk, and files the run's summary as evidence of the step. The run id is the execution's idempotency key, so a replay after a crash returns the recorded run.
/// </summary>
public sealed class ValidateAction : IWorkflowAction, Playbook.IControlEvidence
{
    public string Name => "billing.validate";

    public IReadOnlyList<string> Controls { get; } = [EvidenceControls.OutputValidation, EvidenceControls.BillingValidation];

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        await using var scope = context.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ValidationRuns>();
        var companies = Ids(input?["companyIds"]) ?? (input?["companyIdsVariable"]?.GetValue<string>() is { } variable ? Ids(context.GetVariable(variable)) : null);
        var agreements = Ids(input?["agreementIds"]);
        var runScope = companies is null && agreements is null ? ValidationScope.All : new ValidationScope { CompanyIds = companies, AgreementIds = agreements };
        var runId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(context.IdempotencyKey)))[..32];
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ValidationOptions>>().Value;
        var run = await runs.RunAsync(runId, runScope, options, "workflow:" + context.Instance.Id, cancellationToken);
        context.RecordEffect("validation-run", new JsonObject { ["runId"] = run.Id }, "validation-run");
        var evidence = await scope.ServiceProvider.GetRequiredService<SystemArtefacts>().CaptureAsync(
            context.IdempotencyKey, context.Instance.Id, context.Activity.Id, $"validation-run-{run.Id}.json",
            JsonSerializer.SerializeToUtf8Bytes(run, BillingJson.Options), "application/json", $"/api/validation-runs/{run.Id}",
            Controls, cancellationToken);
        return ActionResult.Done(new JsonObject
        {
            ["evidenceId"] = evidence.Id,
            ["runId"] = run.Id,
            ["findings"] = run.FindingCount,
            ["amountAtRisk"] = run.Summary.TotalAmountAtRisk.Amount,
            ["snapshotHash"] = run.SnapshotHash,
        });
    }

    // A list of ids, from the definition or from a person's form ("2, 3, 4"); an empty list means no scope.
    private static int[]? Ids(JsonNode? node) => node switch
    {
        JsonArray array when array.Count > 0 => [.. array.Select(n => n!.GetValue<int>())],
        JsonValue value when value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) =>
            [.. text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))],
        _ => null,
    };
}
