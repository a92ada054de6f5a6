namespace BillingOrchestrator.Billing.Checks;

/// <summary>How many findings a run has in one category and the money they put at risk.</summary>
public sealed record CategoryTotal(LeakageKind Category, int Count, Money AmountAtRisk);
