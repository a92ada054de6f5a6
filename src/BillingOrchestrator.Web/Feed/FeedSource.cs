using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Kpis;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Web.Kpis;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Feed;

/// <summary>
/// Builds the feed's rows from the stored data. Building validates all PSA data, so the result is kept (in
/// <see cref="FeedCache"/>) until a cheap version stamp of the inputs changes: a page of the feed then costs a query.
/// </summary>
public sealed class FeedSource(BillingDbContext db, KpiMeasurement measurement, SourceLinks links, FeedCache cache)
{
    public async Task<FeedData> GetAsync(CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        return await cache.GetOrBuildAsync(version, () => BuildAsync(version, cancellationToken));
    }

    /// <summary>What the rows depend on: PSA records, syncs, the catalog, coding standards, validation runs, KPI points and exception decisions.</summary>
    private async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var records = await db.Set<PsaRecordRow>().CountAsync(cancellationToken);
        var lastSync = await db.Set<PsaSyncRow>().OrderByDescending(s => s.FinishedAt).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        var ruleSets = await db.Set<CatalogRuleSetRow>().CountAsync(cancellationToken) + await db.Set<CatalogOverrideRow>().CountAsync(cancellationToken);
        var standards = await db.Set<CodingStandardRow>().CountAsync(cancellationToken);
        var lastRun = await LatestRunIdAsync(cancellationToken);
        var kpis = await db.Set<KpiSnapshotRow>().CountAsync(cancellationToken);

        // Every decision on an exception raises its revision, so count and revision sum change with each disposition.
        var exceptions = await db.Set<BillingException>().CountAsync(cancellationToken);
        var decisions = await db.Set<BillingException>().SumAsync(e => e.Revision, cancellationToken);
        return $"{records}:{lastSync}:{ruleSets}:{standards}:{lastRun}:{kpis}:{exceptions}:{decisions}";
    }

    private Task<string?> LatestRunIdAsync(CancellationToken cancellationToken) =>
        db.Set<ValidationRunRow>().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    private async Task<FeedData> BuildAsync(string version, CancellationToken cancellationToken)
    {
        var measured = await measurement.MeasureAsync(cancellationToken);
        var snapshot = measured.Snapshot;
        var companies = snapshot.Companies.ToDictionary(c => c.Id, c => c.Name);
        var types = snapshot.AgreementTypes.ToDictionary(t => t.Id, t => t.Name);
        var facts = LeakageFacts.From(snapshot, measured.Findings).Select(f => FeedData.Row(f, companies)).ToList();
        return new FeedData(
            version,
            facts,
            await FindingsAsync(cancellationToken),
            await KpiSeriesAsync(cancellationToken),
            [.. snapshot.Agreements.Select(a => new AgreementRow
            {
                Id = a.Id,
                Name = a.Name,
                CompanyId = a.CompanyId,
                Company = companies.GetValueOrDefault(a.CompanyId, ""),
                TypeId = a.TypeId,
                Type = types.GetValueOrDefault(a.TypeId, ""),
                Status = a.AgreementStatus.ToString(),
                StartDate = a.StartDate,
                EndDate = a.EndDate,
                BillAmount = a.BillAmount.Amount,
                IncludedHours = a.ApplicationUnits == Billing.Agreements.ApplicationUnits.Hours && !a.ApplicationUnlimitedFlag ? a.ApplicationLimit : null,
                SourceLink = FeedData.Link(links, EntityKind.Agreement, a.Id),
            })],
            [.. snapshot.TimeEntries.Select(e => new TimeEntryRow
            {
                Id = e.Id,
                CompanyId = e.CompanyId,
                AgreementId = e.AgreementId,
                TicketId = e.TicketId,
                MemberId = e.MemberId,
                WorkTypeId = e.WorkTypeId,
                WorkRoleId = e.WorkRoleId,
                Date = DateOnly.FromDateTime(e.TimeStart.UtcDateTime),
                ActualHours = e.ActualHours.Value,
                HoursBilled = e.HoursBilled.Value,
                AgreementHours = e.AgreementHours.Value,
                BillableOption = e.BillableOption.ToString(),
                Status = e.Status.ToString(),
                HourlyRate = e.HourlyRate.Amount,
                ChargeableAmount = e.ChargeableAmount.Amount,
                InvoiceId = e.InvoiceId,
                SourceLink = FeedData.Link(links, EntityKind.TimeEntry, e.Id),
            })],
            await ExceptionsAsync(companies, cancellationToken));
    }

    private async Task<IReadOnlyList<FindingRow>> FindingsAsync(CancellationToken cancellationToken)
    {
        if (await LatestRunIdAsync(cancellationToken) is not { } runId)
        {
            return [];
        }

        var rows = await db.Set<ValidationFindingRow>().AsNoTracking().Where(f => f.RunId == runId).OrderBy(f => f.Sequence).ToListAsync(cancellationToken);
        return [.. rows.Select(row =>
        {
            var finding = BillingJson.Deserialize<Finding>(row.FindingJson);
            return new FindingRow
            {
                Id = $"{runId}:{row.Sequence}",
                RunId = runId,
                Sequence = row.Sequence,
                CheckId = row.CheckId,
                Category = row.Category,
                Severity = row.Severity,
                CompanyId = row.CompanyId,
                AgreementId = row.AgreementId,
                ServiceLine = finding.ServiceLine,
                Hours = finding.Hours.Value,
                AmountAtRisk = finding.AmountAtRisk.Amount,
                Message = finding.Message,
                SourceLink = finding.Records.Count > 0 ? links.For(finding.Records[0]) : "",
            };
        })];
    }

    private async Task<IReadOnlyList<ExceptionRow>> ExceptionsAsync(IReadOnlyDictionary<int, string> companies, CancellationToken cancellationToken)
    {
        var exceptions = await db.Set<BillingException>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. exceptions.Select(e => new ExceptionRow
        {
            Id = e.Id,
            InstanceId = e.InstanceId,
            RunId = e.RunId,
            FindingSequence = e.FindingSequence,
            CheckId = e.CheckId,
            Category = e.Category,
            Severity = e.Severity,
            CompanyId = e.CompanyId,
            Company = companies.GetValueOrDefault(e.CompanyId, ""),
            AgreementId = e.AgreementId,
            ServiceLine = e.ServiceLine,
            CustomerOwner = e.CustomerOwner,
            Amount = e.Amount,
            Message = e.Message,
            RoutedRole = e.RoutedRole,
            Status = e.Status.ToString(),
            Disposition = e.Disposition is { } d ? JsonSerializer.Serialize(d).Trim('"') : null,
            Reason = e.Reason,
            DecidedBy = e.DecidedBy,
            DecidedAt = e.DecidedAt?.UtcDateTime,
            ConfirmedBy = e.ConfirmedBy,
            ConfirmedAt = e.ConfirmedAt?.UtcDateTime,
            CreatedAt = e.CreatedAt.UtcDateTime,
            SourceLink = e.SourceLinks.FirstOrDefault() ?? "",
            FindingLink = Exceptions.ExceptionView.FindingLinkOf(e),
        })];
    }

    private async Task<IReadOnlyList<KpiPointRow>> KpiSeriesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<KpiSnapshotRow>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r =>
        {
            var values = BillingJson.Deserialize<KpiValues>(r.ValuesJson);
            return new KpiPointRow
            {
                Id = r.Id,
                Kind = r.Kind,
                BaselineId = r.BaselineId,
                Week = r.Week,
                RecordedAt = r.RecordedAt.UtcDateTime,
                InvoiceErrorRate = values.InvoiceErrorRate,
                UnbilledLabourValue = values.UnbilledLabourValue.Amount,
                GrossMargin = values.GrossMargin,
            };
        })];
    }
}

/// <summary>The last built feed and its version; one build at a time.</summary>
public sealed class FeedCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FeedData? _data;

    public async Task<FeedData> GetOrBuildAsync(string version, Func<Task<FeedData>> build)
    {
        if (Volatile.Read(ref _data) is { } current && current.Version == version)
        {
            return current;
        }

        await _gate.WaitAsync();
        try
        {
            if (_data is { } built && built.Version == version)
            {
                return built;
            }

            var data = await build();
            Volatile.Write(ref _data, data);
            return data;
        }
        finally
        {
            _gate.Release();
        }
    }
}
