using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Flowchart semantics: completing an activity with an outcome schedules the activities its connections lead to.</summary>
internal static class Flowchart
{
    public static void Complete(WorkflowDefinition definition, InstanceState state, string activityId, string outcome, DateTimeOffset now)
    {
        var previous = state.Activities.GetValueOrDefault(activityId);
        state.Activities[activityId] = new ActivityProgress((previous?.Completions ?? 0) + 1, outcome, now);
        foreach (var target in definition.TargetsOf(activityId, outcome))
        {
            Arrive(definition, state, activityId, target);
        }
    }

    private static void Arrive(WorkflowDefinition definition, InstanceState state, string from, string target)
    {
        if (definition.GetActivity(target).Type != JoinActivity.TypeName)
        {
            state.Scheduled.Add(WorkItem.For(target));
            return;
        }

        if (!state.JoinArrivals.TryGetValue(target, out var arrived))
        {
            state.JoinArrivals[target] = arrived = [];
        }

        if (!arrived.Contains(from))
        {
            arrived.Add(from);
        }

        if (!state.Scheduled.Any(w => w.ActivityId == target))
        {
            state.Scheduled.Add(WorkItem.For(target));
        }
    }

    /// <summary>Sets sub-status and wake time from what is left to do; finishes the instance when nothing is.</summary>
    public static bool Settle(WorkflowInstance instance, DateTimeOffset now)
    {
        if (instance.Status != WorkflowStatus.Running)
        {
            return false;
        }

        var state = instance.State;
        instance.WakeAt = state.NextWakeAt();
        if (state.Scheduled.Count == 0 && state.Bookmarks.Count == 0)
        {
            instance.Status = WorkflowStatus.Finished;
            instance.SubStatus = state.Faulted.Count > 0 ? WorkflowSubStatus.Faulted : WorkflowSubStatus.Finished;
            instance.FinishedAt = now;
            instance.WakeAt = null;
            return true;
        }

        instance.SubStatus = state.HasRunnableWork(now) ? WorkflowSubStatus.Pending : WorkflowSubStatus.Suspended;
        return false;
    }
}
