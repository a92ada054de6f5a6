using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace BillingOrchestrator.Web.Components.Pages.Designer;

/// <summary>How far a running instance has got through an activity, for the run overlay.</summary>
public enum RunState
{
    None,
    Pending,
    Current,
    Finished,
    Faulted,
}

/// <summary>A canvas node showing one activity, its validation errors and, over an instance, its run state.</summary>
public sealed class ActivityNodeModel : NodeModel
{
    public ActivityNodeModel(DesignerActivity activity)
        : base(activity.Id, new Point(activity.Position?.X ?? 0, activity.Position?.Y ?? 0))
    {
        Activity = activity;
        Title = activity.Name;
        In = AddPort(PortAlignment.Left);
        Out = AddPort(PortAlignment.Right);
    }

    public DesignerActivity Activity { get; }

    public PortModel In { get; }

    public PortModel Out { get; }

    public IReadOnlyList<string> Errors { get; set; } = [];

    public RunState Run { get; set; }

    public string CssClass =>
        string.Join(' ', new[]
        {
            "activity-node",
            Activity.IsGate ? "kind-gate" : Activity.IsUserTask ? "kind-task" : Activity.Type is "Start" or "End" ? "kind-start" : "kind-other",
            Selected ? "selected" : "",
            Errors.Count > 0 ? "has-errors" : "",
            Run == RunState.None ? "" : "run-" + Run.ToString().ToLowerInvariant(),
        }.Where(c => c.Length > 0));
}
