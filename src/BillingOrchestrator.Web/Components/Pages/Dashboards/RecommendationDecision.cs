namespace BillingOrchestrator.Web.Components.Pages.Dashboards;

/// <summary>A reviewer's accept or reject of one recommendation, with the reason the review records.</summary>
public sealed record RecommendationDecision(string RecommendationId, string Decision, string Reason);
