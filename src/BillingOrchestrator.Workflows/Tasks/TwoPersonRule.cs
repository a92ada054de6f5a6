using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>
/// The two-person rule, declared on a task or gate as <c>"twoPersonRule": ["review"]</c>: whoever last completed one of
/// the named activities of the same instance may not complete this one, admins included. The engine checks it on
/// every task completion (409); a user interface asks <see cref="RefusalAsync(UserTask, WorkflowActor, CancellationToken)"/>
/// before it offers the completion.
/// </summary>
public sealed class TwoPersonRule(IWorkflowInstanceStore instances, WorkflowDefinitionCache definitions)
{
    /// <summary>The activity input that declares the rule.</summary>
    public const string Input = "twoPersonRule";

    /// <summary>The activities whose completer may not complete <paramref name="activity"/>.</summary>
    public static IReadOnlyList<string> Of(ActivityDefinition activity) => activity.GetStrings(Input);

    /// <summary>Checks every declaration names other activities of the same definition.</summary>
    public static void Validate(IReadOnlyList<ActivityDefinition> activities, string source, string activitiesPath, ICollection<DefinitionError> errors)
    {
        var ids = activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            if (activity.Inputs[Input] is not { } node)
            {
                continue;
            }

            var path = $"{activitiesPath}[{i}].{Input}";
            var named = Of(activity);
            if (node is not JsonArray array || array.Count == 0 || named.Count != array.Count)
            {
                errors.Add(new DefinitionError(source, path, "must be a non-empty array of the ids of activities whose completer may not complete this one"));
                continue;
            }

            foreach (var id in named.Where(id => id == activity.Id || !ids.Contains(id)))
            {
                errors.Add(new DefinitionError(source, path, id == activity.Id ? "an activity cannot be separated from itself" : $"no activity with id '{id}'"));
            }
        }
    }

    /// <summary>Why <paramref name="actor"/> may not complete <paramref name="task"/> under the rule, or null when they may.</summary>
    public async Task<string?> RefusalAsync(UserTask task, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(task.InstanceId, cancellationToken) is not { } instance)
        {
            return null;
        }

        return await RefusalAsync(await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken), task, actor, cancellationToken);
    }

    internal async Task<string?> RefusalAsync(WorkflowDefinition definition, UserTask task, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (definition.FindActivity(task.ActivityId) is not { } activity || Of(activity) is not { Count: > 0 } separated)
        {
            return null;
        }

        return Refusal(definition, activity, separated, await instances.GetJournalAsync(task.InstanceId, cancellationToken), actor.Name);
    }

    /// <summary>
    /// The rule over an instance's journal: <paramref name="actor"/> may not complete <paramref name="activity"/> when they
    /// made the last completion of any of <paramref name="separated"/>.
    /// </summary>
    public static string? Refusal(WorkflowDefinition definition, ActivityDefinition activity, IEnumerable<string> separated, IReadOnlyList<JournalEntry> journal, string actor)
    {
        foreach (var id in separated)
        {
            var last = journal.LastOrDefault(j => j.Event == JournalEvents.TaskCompleted && j.ActivityId == id);
            if (last is not null && string.Equals(last.Actor, actor, StringComparison.OrdinalIgnoreCase))
            {
                return $"Two-person rule: you submitted '{definition.FindActivity(id)?.Name ?? id}', so another person must complete '{activity.Name}'.";
            }
        }

        return null;
    }
}
