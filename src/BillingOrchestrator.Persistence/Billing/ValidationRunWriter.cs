using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Persistence.Billing;

/// <summary>Records a validation run in one transaction: one <see cref="ValidationRunRow"/> and one <see cref="ValidationFindingRow"/> per finding.</summary>
public static class ValidationRunWriter
{
    public static async Task<ValidationRunSummary> WriteAsync(BillingDbContext db, string id, ValidationResult result, DateTimeOffset startedAt, string actor, CancellationToken cancellationToken)
    {
        var summary = new ValidationRunSummary(result.PeriodStart, result.PeriodEnd, result.Options, result.Scope, result.CodingStandardVersion, result.TimeEntriesChecked, result.ChecksRun, result.Totals, result.CheckTotals, result.TotalAmountAtRisk);
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
        return summary;
    }
}

/// <summary>What a recorded run checked and found, in totals (its <c>summary_json</c>).</summary>
public sealed record ValidationRunSummary(
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
