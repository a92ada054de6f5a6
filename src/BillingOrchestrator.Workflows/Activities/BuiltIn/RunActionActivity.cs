using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// Calls a registered <see cref="IWorkflowAction"/> by <c>action</c> name with the <c>input</c> JSON; the action's output
/// goes to <c>outputVariable</c>. Failures follow the <c>retry</c> policy (<c>maxAttempts</c>, <c>delay</c>, <c>backoff</c>).
/// </summary>
public sealed class RunActionActivity(ActionRegistry actions) : IActivityHandler
{
    public string Type => "RunAction";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) =>
        activity.GetString("action") is { } name && actions.TryGet(name, out var action) ? action.Outcomes : ["Done"];

    public bool IsPure(ActivityDefinition activity) =>
        activity.GetString("action") is { } name && actions.TryGet(name, out var action) && action.IsPure;

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        context.Require(activity, "action", "the name of the application action to run");
        Inputs.ValidateOptionalString(activity, "action", context);
        Inputs.ValidateOptionalString(activity, "outputVariable", context);
        if (activity.GetString("action") is { } name && !actions.TryGet(name, out _))
        {
            context.Error("action", $"no action named '{name}' is registered; known actions: {string.Join(", ", actions.Names)}");
        }

        RetryPolicy.Validate(activity, context);
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.Activity.GetString("action")!;
        if (!actions.TryGet(name, out var action))
        {
            throw new InvalidOperationException($"Workflow action '{name}' is not registered on this host.");
        }

        var result = await action.ExecuteAsync(context, context.Activity.Inputs["input"]?.DeepClone(), cancellationToken);
        if (context.Activity.GetString("outputVariable") is { } variable)
        {
            context.SetVariable(variable, result.Output?.DeepClone());
        }

        return new ActivityResult.Completed(result.Outcome);
    }
}
