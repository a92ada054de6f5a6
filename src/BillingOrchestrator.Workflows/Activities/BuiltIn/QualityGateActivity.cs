using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// A step's exit gate: the <c>approverRole</c> approves or rejects, and approval needs every required <c>evidence</c>
/// item attached. Nothing connected after the gate can start until it is approved.
/// </summary>
public sealed class QualityGateActivity : IActivityHandler
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";

    public string Type => "QualityGate";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => [Approved, Rejected];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        context.Require(activity, "approverRole", "the role that must approve this gate");
        foreach (var input in new[] { "approverRole", "title", "description", "outputVariable" })
        {
            Inputs.ValidateOptionalString(activity, input, context);
        }

        Inputs.ValidateDuration(activity, "dueIn", context);
        TaskForm.ValidateFields(activity, "evidence", context);
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        var form = new JsonObject { ["evidence"] = activity.Inputs["evidence"]?.DeepClone() ?? new JsonArray() };
        var task = new UserTaskRequest(
            UserTaskKinds.QualityGate,
            activity.GetString("title") ?? activity.Name,
            activity.GetString("description"),
            activity.GetString("approverRole"),
            null,
            [Approved, Rejected],
            form,
            Inputs.Duration(activity, "dueIn") is { } due ? context.Now + due : null);
        return ValueTask.FromResult<ActivityResult>(new ActivityResult.Suspended(new BookmarkRequest(BookmarkNames.UserTask, context.WorkItem.Id, Task: task)));
    }
}
