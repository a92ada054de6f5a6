namespace BillingOrchestrator.Billing.Agreements;

/// <summary>ConnectWise <c>applicationUnits</c>: what an agreement's <c>applicationLimit</c> counts.</summary>
public enum ApplicationUnits
{
    Amount,
    Hours,
    Incidents,
}
