using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// Waits for a person: creates a task for a <c>role</c> or an <c>assignee</c> with <c>outcomes</c> (default Done),
/// optional <c>form</c> fields and a <c>dueIn</c> duration. The completion (outcome, data, who) goes to <c>outputVariable</c>.
/// </summary>
public sealed class UserTaskActivity : IActivityHandler
{
    public string Type => "UserTask";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) =>
        activity.GetStrings("outcomes") is { Count: > 0 } outcomes ? outcomes : ["Done"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        if (activity.Inputs["role"] is null && activity.Inputs["assignee"] is null)
        {
            context.Error("role", "required input is missing: give a role or an assignee who must do this task");
        }

        foreach (var input in new[] { "role", "assignee", "title", "description", "outputVariable" })
        {
            Inputs.ValidateOptionalString(activity, input, context);
        }

        Inputs.ValidateOutcomes(activity, "outcomes", context);
        Inputs.ValidateDuration(activity, "dueIn", context);
        TaskForm.ValidateFields(activity, "form", context);
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        var form = new JsonObject { ["fields"] = activity.Inputs["form"]?.DeepClone() ?? new JsonArray() };
        var task = new UserTaskRequest(
            UserTaskKinds.UserTask,
            activity.GetString("title") ?? activity.Name,
            activity.GetString("description"),
            activity.GetString("role"),
            activity.GetString("assignee"),
            GetOutcomes(activity),
            form,
            Inputs.Duration(activity, "dueIn") is { } due ? context.Now + due : null);
        return ValueTask.FromResult<ActivityResult>(new ActivityResult.Suspended(new BookmarkRequest(BookmarkNames.UserTask, context.WorkItem.Id, Task: task)));
    }
}
