using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Governance;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Governance;

/// <summary>Reads stored governance reviews with their recommendations and decisions.</summary>
public sealed class GovernanceReviews(BillingDbContext db)
{
    public async Task<GovernanceReviewView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var review = await db.Set<GovernanceReviewRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return null;
        }

        var recommendations = await db.Set<GovernanceRecommendationRow>().AsNoTracking().Where(r => r.ReviewId == id).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        return View(review, recommendations);
    }

    public async Task<IReadOnlyList<GovernanceReviewSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var reviews = await db.Set<GovernanceReviewRow>().AsNoTracking().OrderByDescending(r => r.Month).ToListAsync(cancellationToken);
        var counts = await db.Set<GovernanceRecommendationRow>().AsNoTracking()
            .GroupBy(r => new { r.ReviewId, r.Status })
            .Select(g => new { g.Key.ReviewId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. reviews.Select(r => new GovernanceReviewSummary(
            r.Id,
            r.Month,
            r.CreatedAt,
            r.CreatedBy,
            counts.Where(c => c.ReviewId == r.Id).ToDictionary(c => c.Status, c => c.Count)))];
    }

    internal static GovernanceReviewView View(GovernanceReviewRow review, IEnumerable<GovernanceRecommendationRow> recommendations)
    {
        var analysis = BillingJson.Deserialize<StoredAnalysis>(review.AnalysisJson);
        return new GovernanceReviewView(
            review.Id,
            review.Month,
            review.CreatedAt,
            review.CreatedBy,
            BillingJson.Deserialize<GovernanceOptions>(review.OptionsJson),
            analysis.Profitability,
            analysis.Patterns,
            [.. recommendations.Select(RecommendationView.From)]);
    }
}

/// <summary>What a review keeps of its analysis besides the recommendations, which have rows of their own.</summary>
internal sealed record StoredAnalysis(IReadOnlyList<AgreementProfitability> Profitability, IReadOnlyList<UsagePattern> Patterns);

public sealed record GovernanceReviewSummary(string Id, string Month, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyDictionary<string, int> Recommendations);

public sealed record GovernanceReviewView(
    string Id,
    string Month,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    GovernanceOptions Options,
    IReadOnlyList<AgreementProfitability> Profitability,
    IReadOnlyList<UsagePattern> Patterns,
    IReadOnlyList<RecommendationView> Recommendations) : Commands.IAuditSubject
{
    public string AuditSubject => $"governance-review:{Id}";
}

public sealed record RecommendationView(
    string Id,
    int AgreementId,
    string Kind,
    string Rationale,
    RecommendedChange? Change,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    int? CatalogVersion) : Commands.IAuditSubject
{
    public string AuditSubject => $"governance-recommendation:{Id}";

    internal static RecommendationView From(GovernanceRecommendationRow row) => new(
        row.Id,
        row.AgreementId,
        row.Kind,
        row.Rationale,
        row.ChangeJson is null ? null : BillingJson.Deserialize<RecommendedChange>(row.ChangeJson),
        row.Status,
        row.DecidedBy,
        row.DecidedAt,
        row.Reason,
        row.CatalogVersion);
}
