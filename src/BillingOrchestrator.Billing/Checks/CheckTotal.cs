namespace BillingOrchestrator.Billing.Checks;

/// <summary>How many findings one check produced in a run and the money they put at risk.</summary>
public sealed record CheckTotal(string CheckId, LeakageKind Category, int Count, Money AmountAtRisk);
