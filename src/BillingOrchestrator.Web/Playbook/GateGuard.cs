using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Rollout;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// The playbook's order, enforced on every task completion of a definition that numbers its steps, whatever the
/// definition's wiring: no task of step N before every earlier gate is approved; no gate approval before the step's work
/// is submitted, without evidence captured for it, by the person who submitted it, or (in step 4) with the invoice
/// batch unreleased; and an activity marked <c>pilotLabelsRequired</c> (the rollout's week-2 review) while a pilot finding is
/// unlabelled. Each refusal is a 409 naming the reason.
/// </summary>
public sealed class GateGuard(BillingDbContext db, IWorkflowInstanceStore instances, WorkflowDefinitionCache definitions, PilotRuns pilots)
{
    public async Task CheckCompletionAsync(UserTask task, string outcome, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(task.InstanceId, cancellationToken) is not { } instance)
        {
            return;
        }

        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        if (definition.FindActivity(task.ActivityId) is not { } activity || PlaybookSteps.StepOf(activity) is not { } step)
        {
            return;
        }

        var journal = await instances.GetJournalAsync(instance.Id, cancellationToken);
        var completions = journal.Where(j => j.Event == JournalEvents.TaskCompleted).ToList();
        foreach (var earlier in definition.Activities.Where(a => PlaybookSteps.IsGate(a) && PlaybookSteps.StepOf(a) < step).OrderBy(PlaybookSteps.StepOf))
        {
            if (!completions.Any(j => j.ActivityId == earlier.Id && j.Outcome == PlaybookSteps.ApprovedOutcome))
            {
                throw new WorkflowConflictException(
                    $"Out of order: '{activity.Name}' belongs to step {step}, but the quality gate of step {PlaybookSteps.StepOf(earlier)} ('{earlier.Name}') is not approved yet.");
            }
        }

        if (PlaybookSteps.RequiresPilotLabels(activity) && outcome != QualityGateActivity.Rejected)
        {
            await CheckPilotLabelledAsync(activity, task.InstanceId, cancellationToken);
        }

        if (PlaybookSteps.IsGate(activity) && outcome == PlaybookSteps.ApprovedOutcome)
        {
            await CheckApprovalAsync(definition, activity, step, completions, task, actor, cancellationToken);
        }
    }

    // The rollout's pilot review: every finding of the pilot run labelled true or false positive before the work is submitted or the gate passes.
    private async Task CheckPilotLabelledAsync(ActivityDefinition activity, string instanceId, CancellationToken cancellationToken)
    {
        var runId = await pilots.RunIdAsync(instanceId, cancellationToken);
        var unlabelled = await pilots.UnlabelledAsync(instanceId, runId, cancellationToken);
        if (unlabelled.Count > 0)
        {
            var findings = await db.Set<ValidationFindingRow>().CountAsync(f => f.RunId == runId, cancellationToken);
            throw new WorkflowConflictException(
                $"'{activity.Name}' waits for the pilot review: {unlabelled.Count} of {findings} pilot findings are not labelled true or false positive (POST /api/rollout/pilot/labels).",
                new Dictionary<string, object?> { ["unlabelledFindings"] = unlabelled.Take(100).ToList(), ["pilotRunId"] = runId });
        }
    }

    private async Task CheckApprovalAsync(WorkflowDefinition definition, ActivityDefinition gate, int step, List<JournalEntry> completions, UserTask task, WorkflowActor actor, CancellationToken cancellationToken)
    {
        // After a rejection the step's work must be submitted again before the gate can pass.
        var lastRejection = completions.LastOrDefault(j => j.ActivityId == gate.Id)?.Id ?? 0;
        var work = PlaybookSteps.WorkOf(definition, step).ToList();
        if (work.FirstOrDefault(w => !completions.Any(j => j.ActivityId == w.Id && j.Id > lastRejection)) is { } missing)
        {
            throw new WorkflowConflictException($"Out of order: the gate of step {step} cannot be approved before '{missing.Name}' is submitted.");
        }

        // A step's gate is separated from the step's work whether or not the definition declares it: the engine's rule, applied to the playbook.
        if (TwoPersonRule.Refusal(definition, gate, work.Select(w => w.Id), completions, actor.Name) is { } refusal)
        {
            throw new WorkflowConflictException(refusal);
        }

        var evidence = await db.Set<EvidenceItem>().AsNoTracking()
            .Where(e => e.InstanceId == task.InstanceId && e.GateId == gate.Id)
            .Select(e => e.CreatedBy)
            .ToListAsync(cancellationToken);
        if (!evidence.Any(by => !string.Equals(by, actor.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new WorkflowConflictException(
                $"No evidence captured for step {step}: attach evidence to the step (activityId) before its gate can be approved; evidence you attached yourself does not count.");
        }

        var stepActivities = definition.Activities.Where(a => PlaybookSteps.StepOf(a) == step).Select(a => a.Id).ToList();
        var unreleased = await db.Set<InvoiceBatch>().AsNoTracking()
            .Where(b => b.InstanceId == task.InstanceId && !b.Released && stepActivities.Contains(b.ActivityId))
            .Select(b => b.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (unreleased is not null)
        {
            throw new WorkflowConflictException($"The gate of step {step} waits for invoice batch {unreleased} to be released (every exception dispositioned first).");
        }
    }
}
