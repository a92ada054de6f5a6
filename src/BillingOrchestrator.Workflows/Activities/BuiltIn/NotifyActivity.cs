using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// Queues a notification (<c>to</c> a role or address, <c>subject</c>, <c>message</c>) in the transactional outbox; the
/// effect dispatcher delivers it after the commit, so a crash can neither lose it nor send it twice from the engine.
/// </summary>
public sealed class NotifyActivity : IActivityHandler
{
    public const string EffectKind = "notification";

    public string Type => "Notify";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        context.Require(activity, "to", "the role or address to notify");
        context.Require(activity, "subject", "the notification's subject line");
        Inputs.ValidateOptionalString(activity, "to", context);
        Inputs.ValidateOptionalString(activity, "subject", context);
        Inputs.ValidateOptionalString(activity, "message", context);
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["to"] = context.Activity.GetString("to"),
            ["subject"] = context.Activity.GetString("subject"),
            ["message"] = context.Activity.GetString("message"),
            ["instanceId"] = context.Instance.Id,
            ["definitionId"] = context.Definition.DefinitionId,
        };
        context.RecordEffect(EffectKind, payload, "notify");
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
