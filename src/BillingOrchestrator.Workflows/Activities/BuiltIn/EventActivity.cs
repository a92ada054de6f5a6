using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>Waits for a named event published through the API (<c>POST /api/workflow-events</c>); its payload lands in <c>outputVariable</c>.</summary>
public sealed class EventActivity : IActivityHandler
{
    public string Type => "Event";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        context.Require(activity, "eventName", "the name of the event to wait for");
        Inputs.ValidateOptionalString(activity, "eventName", context);
        Inputs.ValidateOptionalString(activity, "outputVariable", context);
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var bookmark = new BookmarkRequest(BookmarkNames.Event, context.Activity.GetString("eventName")!);
        return ValueTask.FromResult<ActivityResult>(new ActivityResult.Suspended(bookmark));
    }
}
