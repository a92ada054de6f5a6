using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Validation;

/// <summary>
/// Runs the pre-invoice checks over the stored PSA data and records the run durably (parameters, scope, snapshot
/// hash, duration, totals and every finding). A run id given by the caller makes the run idempotent: asking again
/// returns the recorded run.
/// </summary>
public sealed class ValidationRuns(BillingDbContext db, BillingDataStore data, CatalogStore catalogs, SourceLinks links, TimeProvider time)
{
    public async Task<ValidationRunView> RunAsync(string? runId, ValidationScope scope, ValidationOptions options, string actor, CancellationToken cancellationToken)
    {
        if (runId is not null && await FindAsync(runId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        if (options.Validate() is { Count: > 0 } invalid)
        {
            throw new WorkflowValidationException(invalid.Select(p => ($"options.{p.Field}", p.Reason)).ToList());
        }

        var stored = await data.LoadStoredSnapshotAsync(cancellationToken)
            ?? throw new WorkflowConflictException("There is no PSA data to validate yet: sync ConnectWise or import an export folder first.");
        var standard = await catalogs.LatestCodingStandardAsync(cancellationToken)
            ?? throw new WorkflowConflictException("There is no coding standard yet: the checks need one to judge coding.");
        var startedAt = time.GetUtcNow();
        using var span = Observability.ProductTelemetry.Source.StartActivity("validation.run");
        var result = Validator.Run(stored.Snapshot, await catalogs.LoadCatalogAsync(cancellationToken), standard, options, scope, stored.Hash);
        var id = runId ?? Guid.CreateVersion7().ToString("N");
        var summary = await ValidationRunWriter.WriteAsync(db, id, result, startedAt, actor, cancellationToken);
        Observability.ProductTelemetry.ValidationRun(result.Duration, result.Findings.Count);
        return new ValidationRunView(id, startedAt, (long)result.Duration.TotalMilliseconds, actor, result.SnapshotHash, result.Findings.Count, summary);
    }

    public async Task<ValidationRunView?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var row = await db.Set<ValidationRunRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return row is null ? null : View(row);
    }

    public async Task<IReadOnlyList<ValidationRunView>> ListAsync(int take, CancellationToken cancellationToken) =>
        (await db.Set<ValidationRunRow>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(take).ToListAsync(cancellationToken)).Select(View).ToList();

    public async Task<(IReadOnlyList<FindingView> Items, int Total)> FindingsAsync(string runId, string? category, string? severity, int? companyId, int? agreementId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Set<ValidationFindingRow>().AsNoTracking().Where(f => f.RunId == runId);
        if (category is not null)
        {
            query = query.Where(f => f.Category == category);
        }

        if (severity is not null)
        {
            query = query.Where(f => f.Severity == severity);
        }

        if (companyId is { } company)
        {
            query = query.Where(f => f.CompanyId == company);
        }

        if (agreementId is { } agreement)
        {
            query = query.Where(f => f.AgreementId == agreement);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(f => f.Sequence).Skip((page - 1) * pageSize).Take(pageSize).Select(f => f.FindingJson).ToListAsync(cancellationToken);
        return (rows.Select(json =>
        {
            var finding = BillingJson.Deserialize<Finding>(json);
            return new FindingView(finding, [.. finding.Records.Select(links.For)]);
        }).ToList(), total);
    }

    private static ValidationRunView View(ValidationRunRow row) =>
        new(row.Id, row.StartedAt, row.DurationMs, row.StartedBy, row.SnapshotHash, row.FindingCount, BillingJson.Deserialize<ValidationRunSummary>(row.SummaryJson));
}

public sealed record ValidationRunView(string Id, DateTimeOffset StartedAt, long DurationMs, string StartedBy, string SnapshotHash, int FindingCount, ValidationRunSummary Summary);

/// <summary>A finding with the ConnectWise links of the records it names.</summary>
public sealed record FindingView(Finding Finding, IReadOnlyList<string> SourceLinks);
