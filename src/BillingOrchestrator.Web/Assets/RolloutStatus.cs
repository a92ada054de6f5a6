using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Web.Assets;

/// <summary>Where the 30-day rollout stands: its latest instance, and which weeks' gates are approved.</summary>
public sealed record RolloutStatus(string? InstanceId, DateTimeOffset? StartedAt, IReadOnlyList<RolloutWeek> Weeks, string Summary)
{
    public const string DefinitionId = "rollout-30-day";

    public static async Task<RolloutStatus> ReadAsync(IWorkflowInstanceStore instances, IUserTaskStore tasks, WorkflowDefinitionCache definitions, CancellationToken cancellationToken)
    {
        var latest = (await instances.ListAsync(new InstanceFilter(DefinitionId: DefinitionId, PageSize: 1), cancellationToken)).Items.FirstOrDefault();
        if (latest is null)
        {
            return new RolloutStatus(null, null, [], "Not started: no 30-day rollout instance exists.");
        }

        var definition = await definitions.GetAsync(latest.DefinitionId, latest.DefinitionVersion, cancellationToken);
        var completed = (await tasks.ListAsync(new TaskFilter(Status: UserTaskStatus.Completed, InstanceId: latest.Id, PageSize: 200), cancellationToken)).Items;
        var weeks = definition.Activities.Where(PlaybookSteps.IsGate)
            .Select(gate =>
            {
                var approval = completed.Where(t => t.ActivityId == gate.Id && t.Outcome == PlaybookSteps.ApprovedOutcome).OrderBy(t => t.CompletedAt).LastOrDefault();
                return new RolloutWeek(PlaybookSteps.StepOf(gate) ?? 0, gate.GetString("stepTitle") ?? gate.Name, approval?.CompletedBy, approval?.CompletedAt);
            })
            .OrderBy(w => w.Week)
            .ToList();
        var approved = weeks.Count(w => w.ApprovedAt is not null);
        var summary = approved == weeks.Count
            ? $"Complete: all {weeks.Count} weeks approved."
            : $"Week {weeks.First(w => w.ApprovedAt is null).Week} of {weeks.Count} in progress: {approved} week gate(s) approved.";
        return new RolloutStatus(latest.Id, latest.CreatedAt, weeks, summary);
    }
}

public sealed record RolloutWeek(int Week, string Title, string? ApprovedBy, DateTimeOffset? ApprovedAt);
