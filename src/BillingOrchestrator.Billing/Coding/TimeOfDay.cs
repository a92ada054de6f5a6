namespace BillingOrchestrator.Billing.Coding;

/// <summary>Whether work starts inside or outside the business-hours window.</summary>
public enum TimeOfDay
{
    BusinessHours,
    AfterHours,
}
