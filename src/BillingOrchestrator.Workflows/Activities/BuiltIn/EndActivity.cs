using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>Finishes the instance, cancelling any branch, task or bookmark still open.</summary>
public sealed class EndActivity : IActivityHandler
{
    public string Type => "End";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => [];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ActivityResult>(new ActivityResult.EndInstance());
}
