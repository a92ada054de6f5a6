using System.Diagnostics;
using System.Diagnostics.Metrics;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Workflows.Diagnostics;

/// <summary>
/// The engine's traces and metrics (<c>System.Diagnostics</c> only, so the engine needs no OpenTelemetry package; the
/// host subscribes by <see cref="Name"/>). Instruments are static: with no listener, <c>Counter.Add</c> is a flag check,
/// so the benchmarked step path pays nothing and allocates nothing.
/// </summary>
public static class WorkflowTelemetry
{
    /// <summary>The meter and activity source name to subscribe to.</summary>
    public const string Name = "BillingOrchestrator.Workflows";

    public const string DefinitionTag = "workflow.definition_id";
    public const string ActivityTypeTag = "workflow.activity_type";
    public const string ActivityIdTag = "workflow.activity_id";
    public const string OutcomeTag = "workflow.outcome";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> InstancesStarted = Meter.CreateCounter<long>("bo.workflow.instances.started", "{instance}", "Workflow instances started.");

    public static readonly Counter<long> InstancesCompleted = Meter.CreateCounter<long>("bo.workflow.instances.completed", "{instance}", "Workflow instances that finished normally.");

    public static readonly Counter<long> InstancesFaulted = Meter.CreateCounter<long>("bo.workflow.instances.faulted", "{instance}", "Workflow instances that finished faulted.");

    public static readonly Counter<long> ActivityExecutions = Meter.CreateCounter<long>("bo.workflow.activity.executions", "{execution}", "Activity executions committed (completed, suspended or waiting).");

    public static readonly Counter<long> ActivityFaults = Meter.CreateCounter<long>("bo.workflow.activity.faults", "{fault}", "Activity executions that threw (each attempt, retried or not).");

    public static readonly Counter<long> TasksCompleted = Meter.CreateCounter<long>("bo.workflow.tasks.completed", "{task}", "User tasks and quality gates completed by a person.");

    public static readonly Histogram<double> GateWaitingTime = Meter.CreateHistogram(
        "bo.workflow.gate.waiting_time",
        "s",
        "Seconds from a quality gate opening (its task created) to its completion.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 600, 3_600, 14_400, 86_400, 259_200, 604_800, 1_209_600] });

    /// <summary>Counts what a committed runner step did, from its journal (one to three entries).</summary>
    internal static void StepCommitted(StepCommit step)
    {
        if (!ActivityExecutions.Enabled && !InstancesCompleted.Enabled && !InstancesFaulted.Enabled && !ActivityFaults.Enabled)
        {
            return;
        }

        var definition = new KeyValuePair<string, object?>(DefinitionTag, step.Instance.DefinitionId);
        foreach (var entry in step.Journal)
        {
            switch (entry.Event)
            {
                case JournalEvents.ActivityCompleted or JournalEvents.ActivitySuspended:
                    ActivityExecutions.Add(1, definition, new KeyValuePair<string, object?>(ActivityTypeTag, entry.ActivityType));
                    break;
                case JournalEvents.ActivityFaulted or JournalEvents.ActivityRetryScheduled:
                    ActivityFaults.Add(1, definition, new KeyValuePair<string, object?>(ActivityTypeTag, entry.ActivityType));
                    break;
                case JournalEvents.InstanceFinished:
                    InstancesCompleted.Add(1, definition);
                    break;
                case JournalEvents.InstanceFaulted:
                    InstancesFaulted.Add(1, definition);
                    break;
            }
        }
    }
}
