using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Governance;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Governance;

/// <summary>
/// Accepts or rejects a review's recommendation, with a reason. An accepted recommendation that changes rules publishes
/// the agreement's next rule override through the catalog's own command (<see cref="SetAgreementRules"/>), effective
/// from <see cref="EffectiveFrom"/> or the first of the month after the review.
/// </summary>
public sealed record DecideRecommendation(string ReviewId, string RecommendationId, string? Decision, string? Reason, DateOnly? EffectiveFrom, WorkflowActor Actor)
    : ICommand<RecommendationView>, IAuditedCommand
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public string AuditAction => "governance.decide-recommendation";

    public string? AuditSubject => $"governance-recommendation:{RecommendationId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Decision is not (Accept or Reject))
        {
            yield return ("decision", "must be accept or reject");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            yield return ("reason", "required: why the review accepts or rejects the recommendation");
        }
        else if (Reason.Length > 2000)
        {
            yield return ("reason", "at most 2,000 characters");
        }
    }
}

public sealed class DecideRecommendationHandler(BillingDbContext db, CatalogStore catalogs, IMediator mediator, TimeProvider time)
    : ICommandHandler<DecideRecommendation, RecommendationView>
{
    public async ValueTask<RecommendationView> Handle(DecideRecommendation command, CancellationToken cancellationToken)
    {
        var review = await db.Set<GovernanceReviewRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.ReviewId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Governance review {command.ReviewId} does not exist.");
        var recommendation = await db.Set<GovernanceRecommendationRow>().FirstOrDefaultAsync(r => r.Id == command.RecommendationId && r.ReviewId == review.Id, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Recommendation {command.RecommendationId} is not part of review {command.ReviewId}.");
        if (recommendation.Status != GovernanceRecommendationRow.Pending)
        {
            throw new WorkflowConflictException($"Recommendation {recommendation.Id} was already {recommendation.Status} by {recommendation.DecidedBy}.");
        }

        if (command.Decision == DecideRecommendation.Accept && recommendation.ChangeJson is { } json)
        {
            recommendation.CatalogVersion = await PublishAsync(review, recommendation, BillingJson.Deserialize<RecommendedChange>(json), command, cancellationToken);
        }

        recommendation.Status = command.Decision == DecideRecommendation.Accept ? GovernanceRecommendationRow.Accepted : GovernanceRecommendationRow.Rejected;
        recommendation.DecidedBy = command.Actor.Name;
        recommendation.DecidedAt = time.GetUtcNow();
        recommendation.Reason = command.Reason!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return RecommendationView.From(recommendation);
    }

    /// <summary>
    /// The override's change reason names the recommendation, so a retry after a crash between the catalog change and
    /// the decision finds the published version instead of publishing a second one.
    /// </summary>
    private async Task<int> PublishAsync(GovernanceReviewRow review, GovernanceRecommendationRow recommendation, RecommendedChange change, DecideRecommendation command, CancellationToken cancellationToken)
    {
        var marker = $"[governance recommendation {recommendation.Id}]";
        var catalog = await catalogs.LoadCatalogAsync(cancellationToken);
        if (catalog.Overrides.FirstOrDefault(o => o.AgreementId == recommendation.AgreementId && o.Version.ChangeReason.Contains(marker, StringComparison.Ordinal)) is { } published)
        {
            return published.Version.Number;
        }

        var effective = command.EffectiveFrom ?? DateOnly.ParseExact(review.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1);
        var rules = new AgreementOverrideChange(
            effective,
            $"Governance review {review.Month}, {recommendation.Kind}: {command.Reason!.Trim()} {marker}",
            change.IncludedHours is { } hours ? new Allowance(ApplicationUnits.Hours, hours, ApplicationCycle.CalendarMonth) : null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            change.RoleRates);
        await mediator.Send(new SetAgreementRules(recommendation.AgreementId, null, rules, command.Actor), cancellationToken);
        return (await catalogs.LoadCatalogAsync(cancellationToken)).Overrides.Count(o => o.AgreementId == recommendation.AgreementId);
    }
}
