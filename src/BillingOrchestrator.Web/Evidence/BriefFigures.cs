using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Validation;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>
/// The figures a brief shows for an instance: findings with money at risk by category from the instance's validation run,
/// and the KPI snapshot the product can compute today (findings, money at risk, exceptions open and closed, write-offs)
/// against the first validation run on record as the baseline.
/// </summary>
public sealed class BriefFigures(BillingDbContext db)
{
    public async Task<(IReadOnlyList<BriefFinding> Findings, IReadOnlyList<BriefKpi> Kpis, string? RunId)> ForAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        // The cycle's run, or during a rollout's pilot week (before the full-volume run) the pilot's.
        var runId = RunIdOf(instance, "validation") ?? RunIdOf(instance, Rollout.PilotRuns.Variable);
        var run = runId is null ? null : await db.Set<ValidationRunRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return ([], [], null);
        }

        var summary = BillingJson.Deserialize<ValidationRunSummary>(run.SummaryJson);
        var findings = summary.Totals
            .Where(t => t.Count > 0)
            .Select(t => new BriefFinding(JsonSerializer.Serialize(t.Category, BillingJson.Options).Trim('"'), t.Count, t.AmountAtRisk.Amount))
            .ToList();
        var first = await db.Set<ValidationRunRow>().AsNoTracking().OrderBy(r => r.StartedAt).FirstAsync(cancellationToken);
        var baseline = BillingJson.Deserialize<ValidationRunSummary>(first.SummaryJson);
        var exceptions = db.Set<BillingException>().Where(e => e.InstanceId == instance.Id);
        var open = await exceptions.CountAsync(e => e.Status != ExceptionStatus.Closed, cancellationToken);
        var closed = await exceptions.CountAsync(e => e.Status == ExceptionStatus.Closed, cancellationToken);
        var writeOffCents = await exceptions.Where(e => e.Disposition == Disposition.WriteOff && e.Status == ExceptionStatus.Closed).SumAsync(e => (long?)e.AmountCents, cancellationToken) ?? 0;
        var atRisk = summary.TotalAmountAtRisk.Amount;
        var baselineAtRisk = baseline.TotalAmountAtRisk.Amount;
        var baselineFindings = first.FindingCount;
        IReadOnlyList<BriefKpi> kpis =
        [
            new("Findings (pre-invoice checks)", baselineFindings, run.FindingCount, decimal.Round(baselineFindings * 0.9m, 0), run.FindingCount <= baselineFindings),
            new("Unbilled labour value at risk", baselineAtRisk, atRisk, decimal.Round(baselineAtRisk * 0.9m, 2), atRisk <= baselineAtRisk, BriefKpiUnit.Money),
            new("Exceptions open", 0, open, 0, open == 0),
            new("Exceptions closed", 0, closed, closed + open, open == 0),
            new("Write-offs", 0, writeOffCents / 100m, 0, writeOffCents == 0, BriefKpiUnit.Money),
        ];
        return (findings, kpis, run.Id);
    }

    private static string? RunIdOf(WorkflowInstance instance, string variable) =>
        instance.State.Variables.TryGetValue(variable, out var value) && value is JsonObject v && v["runId"] is JsonValue id ? id.GetValue<string>() : null;
}
