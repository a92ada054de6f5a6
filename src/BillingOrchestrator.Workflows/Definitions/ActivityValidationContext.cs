namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>Collects an activity's input errors, each prefixed with the activity's JSON path.</summary>
public sealed class ActivityValidationContext(string source, string activityPath, ICollection<DefinitionError> errors)
{
    public void Error(string input, string message) => errors.Add(new DefinitionError(source, $"{activityPath}.{input}", message));

    public void Require(ActivityDefinition activity, string input, string reason)
    {
        if (activity.Inputs[input] is null)
        {
            Error(input, $"required input is missing: {reason}");
        }
    }
}
