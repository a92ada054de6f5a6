using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Rollout;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Rollout;

/// <summary>
/// The week-2 pilot of a rollout instance: the validation run its <c>w2-pilot-run</c> step wrote to the variable
/// <see cref="Variable"/>, the reviewers' labels of its findings, the missed leaks and the manual overrides, and the
/// precision and recall figures they give.
/// </summary>
public sealed class PilotRuns(BillingDbContext db, IWorkflowInstanceStore instances)
{
    /// <summary>The instance variable holding the pilot run's output (<c>runId</c>).</summary>
    public const string Variable = "pilot";

    /// <summary>The instance's pilot run id: 404 for an unknown instance, 409 before the pilot has run.</summary>
    public async Task<string> RunIdAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow instance {instanceId} does not exist.");
        return instance.State.Variables.GetValueOrDefault(Variable) is JsonObject pilot && pilot["runId"] is JsonValue id && id.TryGetValue<string>(out var runId)
            ? runId
            : throw new WorkflowConflictException($"Instance {instanceId} has no pilot run yet: the week-2 pilot validation run writes the variable '{Variable}'.");
    }

    /// <summary>Sequences of the pilot's findings that have no label yet, in order.</summary>
    public async Task<IReadOnlyList<int>> UnlabelledAsync(string instanceId, string runId, CancellationToken cancellationToken)
    {
        var labelled = db.Set<PilotLabel>().Where(l => l.InstanceId == instanceId && l.RunId == runId).Select(l => l.FindingSequence);
        return await db.Set<ValidationFindingRow>().AsNoTracking()
            .Where(f => f.RunId == runId && !labelled.Contains(f.Sequence))
            .OrderBy(f => f.Sequence)
            .Select(f => f.Sequence)
            .ToListAsync(cancellationToken);
    }

    public async Task<PilotFiguresView> FiguresAsync(string instanceId, CancellationToken cancellationToken)
    {
        var runId = await RunIdAsync(instanceId, cancellationToken);
        var categories = await db.Set<ValidationFindingRow>().AsNoTracking().Where(f => f.RunId == runId).Select(f => f.Category).ToListAsync(cancellationToken);
        var labels = await db.Set<PilotLabel>().AsNoTracking().Where(l => l.InstanceId == instanceId && l.RunId == runId).ToListAsync(cancellationToken);
        var missed = await db.Set<PilotFalseNegative>().AsNoTracking().Where(m => m.InstanceId == instanceId).ToListAsync(cancellationToken);
        var overrides = await db.Set<PilotOverride>().CountAsync(o => o.InstanceId == instanceId, cancellationToken);
        var unlabelled = await UnlabelledAsync(instanceId, runId, cancellationToken);
        return new PilotFiguresView(instanceId, runId, PilotFigures.Compute(categories, labels, missed, overrides), [.. unlabelled.Take(100)]);
    }
}

/// <summary>The pilot's figures with the first unlabelled findings (at most 100) to work on next.</summary>
public sealed record PilotFiguresView(string InstanceId, string RunId, PilotFigures Figures, IReadOnlyList<int> UnlabelledFindings);
