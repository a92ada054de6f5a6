using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities;

/// <summary>
/// The behaviour of one activity type. Handlers are stateless singletons: everything an execution needs is on the
/// <see cref="ActivityExecutionContext"/>. Register new types with <c>AddActivity&lt;T&gt;()</c>.
/// </summary>
public interface IActivityHandler
{
    string Type { get; }

    /// <summary>The outcomes this activity can complete with; connections may only leave on these.</summary>
    IReadOnlyList<string> GetOutcomes(ActivityDefinition activity);

    /// <summary>Checks the activity's inputs at load time, reporting every problem through <paramref name="context"/>.</summary>
    void Validate(ActivityDefinition activity, ActivityValidationContext context);

    /// <summary>
    /// True when executing the activity touches nothing outside its own step's commit: it only computes, reads, and
    /// changes the instance's variables, bookmarks, tasks and recorded effects. The runner may then execute it before the
    /// previous activity's commit is acknowledged (the two commits are chained: if the earlier one is refused or rolled
    /// back, the later one writes nothing). An activity that is not pure runs only once every earlier step has committed.
    /// </summary>
    bool IsPure(ActivityDefinition activity) => false;

    /// <summary>Runs the activity. Throwing records an incident and applies the activity's retry policy.</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken);
}
