using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>Starts every outgoing branch at once; pair it with a <see cref="JoinActivity"/>.</summary>
public sealed class ForkActivity : IActivityHandler
{
    public string Type => "Fork";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done);
}
