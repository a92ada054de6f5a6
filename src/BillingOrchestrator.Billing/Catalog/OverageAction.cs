namespace BillingOrchestrator.Billing.Catalog;

/// <summary>What happens once an agreement's usage reaches its overage threshold.</summary>
public enum OverageAction
{
    /// <summary>The excess is billed at the overage rate.</summary>
    BillAtOverageRate,

    /// <summary>The owner is warned; the agreement keeps absorbing time.</summary>
    Warn,

    /// <summary>No more time may be applied to the agreement until someone approves it.</summary>
    Block,
}
