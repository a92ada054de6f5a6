using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>Waits until every incoming branch has arrived, then continues once.</summary>
public sealed class JoinActivity : IActivityHandler
{
    public const string TypeName = "Join";

    public string Type => TypeName;

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var arrived = context.State.JoinArrivals.GetValueOrDefault(context.Activity.Id) ?? [];
        var expected = context.Definition.IncomingSourcesOf(context.Activity.Id);
        if (!expected.All(arrived.Contains))
        {
            return ValueTask.FromResult<ActivityResult>(new ActivityResult.Waiting());
        }

        context.State.JoinArrivals.Remove(context.Activity.Id);
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
