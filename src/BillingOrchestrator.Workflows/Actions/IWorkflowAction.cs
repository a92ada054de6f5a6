using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities;

namespace BillingOrchestrator.Workflows.Actions;

/// <summary>
/// A named piece of application code a <c>RunAction</c> activity calls (for example <c>billing.validate</c>).
/// Record side effects through <see cref="ActivityExecutionContext.RecordEffect"/> so they commit with the activity, and pass
/// <see cref="ActivityExecutionContext.IdempotencyKey"/> to any external system.
/// </summary>
public interface IWorkflowAction
{
    string Name { get; }

    /// <summary>The outcomes this action can return; the first is the default.</summary>
    IReadOnlyList<string> Outcomes => ["Done"];

    ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken);
}

public sealed record ActionResult(string Outcome, JsonNode? Output = null)
{
    public static ActionResult Done(JsonNode? output = null) => new("Done", output);
}
