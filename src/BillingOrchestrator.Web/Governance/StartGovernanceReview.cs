using System.Globalization;
using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Governance;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Kpis;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Governance;

/// <summary>Opens the monthly governance review (playbook step 6): analyses the month and records its recommendations.</summary>
public sealed record StartGovernanceReview(string? Month, WorkflowActor Actor) : ICommand<GovernanceReviewView>, IAuditedCommand
{
    // The review looks a year back and KPIs weeks ahead; outside these months the calendar arithmetic has no meaning.
    private const string EarliestMonth = "2000-01";
    private const string LatestMonth = "2099-12";

    public string AuditAction => "governance.start-review";

    public string? AuditSubject => null;

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return ("month", "must be a month such as 2026-10");
        }
        else if (Month is not null && (string.CompareOrdinal(Month, EarliestMonth) < 0 || string.CompareOrdinal(Month, LatestMonth) > 0))
        {
            yield return ("month", $"must be a month from {EarliestMonth} to {LatestMonth}");
        }
    }
}

public sealed class StartGovernanceReviewHandler(BillingDbContext db, KpiMeasurement measurement, CatalogStore catalogs, IOptions<GovernanceOptions> options, TimeProvider time)
    : ICommandHandler<StartGovernanceReview, GovernanceReviewView>
{
    public async ValueTask<GovernanceReviewView> Handle(StartGovernanceReview command, CancellationToken cancellationToken)
    {
        var measured = await measurement.MeasureAsync(cancellationToken);
        var month = command.Month is { } m
            ? DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateOnly(measured.Snapshot.PeriodEnd.Year, measured.Snapshot.PeriodEnd.Month, 1);
        var label = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (await db.Set<GovernanceReviewRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Month == label, cancellationToken) is { } existing)
        {
            throw new WorkflowConflictException($"The governance review of {label} was opened on {existing.CreatedAt:yyyy-MM-dd} by {existing.CreatedBy} (id {existing.Id}).");
        }

        var settings = options.Value;
        var analysis = GovernanceReview.Analyse(measured.Snapshot, await catalogs.LoadCatalogAsync(cancellationToken), measured.Findings, month, settings);
        var review = new GovernanceReviewRow
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Month = label,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = command.Actor.Name,
            OptionsJson = BillingJson.Serialize(settings),
            AnalysisJson = BillingJson.Serialize(new StoredAnalysis(analysis.Profitability, analysis.Patterns)),
        };
        var recommendations = analysis.Recommendations.Select((r, i) => new GovernanceRecommendationRow
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ReviewId = review.Id,
            Sequence = i + 1,
            AgreementId = r.AgreementId,
            Kind = r.Kind,
            Rationale = r.Rationale,
            ChangeJson = r.Change is null ? null : BillingJson.Serialize(r.Change),
            Status = GovernanceRecommendationRow.Pending,
        }).ToList();
        db.Add(review);
        db.AddRange(recommendations);
        await db.SaveChangesAsync(cancellationToken);
        return GovernanceReviews.View(review, recommendations);
    }
}
