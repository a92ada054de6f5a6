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

    /// <summary>
    /// True when the action only computes, reads, and records effects through the context, touching no external system
    /// and writing nothing itself: the runner may then run it before the previous activity's commit is acknowledged
    /// (see <see cref="IActivityHandler.IsPure"/>). Leave it false for anything that calls out or writes on its own.
    /// </summary>
    bool IsPure => false;

    ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken);
}

public sealed record ActionResult(string Outcome, JsonNode? Output = null)
{
    public static ActionResult Done(JsonNode? output = null) => new("Done", output);
}
