using System.Globalization;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>Waits for a duration (<c>"delay": "PT4H"</c>) or until a moment (<c>"until": "2026-12-01T07:00:00Z"</c>). Durable: survives restarts.</summary>
public sealed class TimerActivity : IActivityHandler
{
    public string Type => "Timer";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        var hasDelay = activity.Inputs["delay"] is not null;
        var hasUntil = activity.Inputs["until"] is not null;
        if (hasDelay == hasUntil)
        {
            context.Error("delay", "required input is missing: give exactly one of delay (ISO 8601 duration) or until (ISO 8601 date-time)");
            return;
        }

        Inputs.ValidateDuration(activity, "delay", context);
        if (hasUntil && !DateTimeOffset.TryParse(activity.GetString("until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            context.Error("until", "must be an ISO 8601 date-time such as 2026-12-01T07:00:00Z");
        }
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var resumeAt = Inputs.Duration(context.Activity, "delay") is { } delay
            ? context.Now + delay
            : DateTimeOffset.Parse(context.Activity.GetString("until")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var bookmark = new BookmarkRequest(BookmarkNames.Timer, context.WorkItem.Id, ResumeAt: resumeAt);
        return ValueTask.FromResult<ActivityResult>(new ActivityResult.Suspended(bookmark));
    }
}
