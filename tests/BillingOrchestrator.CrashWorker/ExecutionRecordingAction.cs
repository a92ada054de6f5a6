using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;

namespace BillingOrchestrator.CrashWorker;

/// <summary>
/// Records one effect row per committed execution under a fresh key, so the unique idempotency key can never hide a
/// step that committed twice: the crash test counts these rows.
/// </summary>
internal sealed class ExecutionRecordingAction : IWorkflowAction
{
    public const string EffectKind = "crash.execution";

    public string Name => "crash.record";

    /// <summary>It only records an effect through the context, so the crash test also covers steps committed ahead of their predecessors' acknowledgement.</summary>
    public bool IsPure => true;

    public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var node = Environment.GetEnvironmentVariable("CRASH_NODE_ID") ?? "crash-worker";
        context.RecordEffect(EffectKind, new JsonObject { ["activity"] = context.Activity.Id, ["node"] = node }, Guid.NewGuid().ToString("N"));
        return ValueTask.FromResult(ActionResult.Done());
    }
}
