using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>What an agreement includes per application cycle: so many hours, dollars or incidents, or unlimited.</summary>
public sealed record Allowance(ApplicationUnits Units, decimal? Quantity, ApplicationCycle Cycle)
{
    public bool IsUnlimited => Quantity is null;

    /// <summary>The allowance as the ConnectWise agreement itself states it.</summary>
    public static Allowance FromAgreement(Agreement agreement) => new(
        agreement.ApplicationUnits ?? ApplicationUnits.Hours,
        agreement.ApplicationUnlimitedFlag ? null : agreement.ApplicationLimit,
        agreement.ApplicationCycle ?? ApplicationCycle.CalendarMonth);
}
