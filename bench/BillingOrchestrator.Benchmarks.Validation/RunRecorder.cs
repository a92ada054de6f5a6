using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>
/// Writes a validation run and every finding the way <c>BillingOrchestrator.Web.Validation.ValidationRuns.RunAsync</c>
/// does after <see cref="Validator.Run"/> (one transaction, one <see cref="ValidationRunRow"/>, one
/// <see cref="ValidationFindingRow"/> per finding, the same JSON). It is a copy of those lines, because the bench does
/// not reference the Web host: keep it in step with <c>ValidationRuns</c>.
/// </summary>
internal static class RunRecorder
{
    public static async Task<string> WriteAsync(BillingDbContext db, ValidationResult result, DateTimeOffset startedAt, string actor, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var summary = new RunSummary(result.PeriodStart, result.PeriodEnd, result.Options, result.Scope, result.CodingStandardVersion, result.TimeEntriesChecked, result.ChecksRun, result.Totals, result.CheckTotals, result.TotalAmountAtRisk);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new ValidationRunRow
        {
            Id = id,
            StartedAt = startedAt,
            DurationMs = (long)result.Duration.TotalMilliseconds,
            StartedBy = actor,
            SnapshotHash = result.SnapshotHash,
            FindingCount = result.Findings.Count,
            SummaryJson = BillingJson.Serialize(summary),
        });
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var finding = result.Findings[i];
            db.Add(new ValidationFindingRow
            {
                RunId = id,
                Sequence = i + 1,
                CheckId = finding.CheckId,
                Category = JsonSerializer.Serialize(finding.Category, BillingJson.Options).Trim('"'),
                Severity = finding.Severity.ToString(),
                CompanyId = finding.CompanyId,
                AgreementId = finding.AgreementId,
                FindingJson = BillingJson.Serialize(finding),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Same shape as the Web host's <c>ValidationRunSummary</c>.</summary>
    private sealed record RunSummary(
        DateOnly PeriodStart,
        DateOnly PeriodEnd,
        ValidationOptions Options,
        ValidationScope Scope,
        int CodingStandardVersion,
        int TimeEntriesChecked,
        IReadOnlyList<string> ChecksRun,
        IReadOnlyList<CategoryTotal> Totals,
        IReadOnlyList<CheckTotal> CheckTotals,
        Money TotalAmountAtRisk);
}
