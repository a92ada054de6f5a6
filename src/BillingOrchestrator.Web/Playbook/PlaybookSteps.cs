using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// Reads the playbook structure a definition declares on its activities: <c>step</c> (1-6, or a rollout week),
/// <c>stepTitle</c>, <c>ownerRole</c> and <c>primarySystem</c>. A step's gate is its <c>QualityGate</c> activity.
/// </summary>
public static class PlaybookSteps
{
    public static int? StepOf(ActivityDefinition activity) =>
        activity.Inputs["step"] is JsonValue v && v.TryGetValue<int>(out var step) ? step : null;

    public static int? StepOf(WorkflowDefinition definition, string? activityId) =>
        activityId is not null && definition.FindActivity(activityId) is { } activity ? StepOf(activity) : null;

    public static ActivityDefinition? GateOf(WorkflowDefinition definition, int step) =>
        definition.Activities.FirstOrDefault(a => a.Type == "QualityGate" && StepOf(a) == step);

    /// <summary>The step and gate an activity's evidence is tagged with.</summary>
    public static (int? Step, string? GateId) TagsFor(WorkflowDefinition definition, string? activityId)
    {
        if (activityId is null || definition.FindActivity(activityId) is not { } activity)
        {
            return (null, null);
        }

        if (activity.Type == "QualityGate")
        {
            return (StepOf(activity), activity.Id);
        }

        return StepOf(activity) is { } step ? (step, GateOf(definition, step)?.Id) : (null, null);
    }

    /// <summary>The people's tasks of a step (what the owner submits before the gate).</summary>
    public static IEnumerable<ActivityDefinition> WorkOf(WorkflowDefinition definition, int step) =>
        definition.Activities.Where(a => a.Type == "UserTask" && StepOf(a) == step);

    public static bool IsGate(ActivityDefinition activity) => activity.Type == "QualityGate";

    /// <summary>Marked <c>"pilotLabelsRequired": true</c>: completing it needs every finding of the pilot run labelled.</summary>
    public static bool RequiresPilotLabels(ActivityDefinition activity) =>
        activity.Inputs["pilotLabelsRequired"] is JsonValue v && v.TryGetValue<bool>(out var required) && required;

    public const string ApprovedOutcome = QualityGateActivity.Approved;
}
