namespace BillingOrchestrator.Billing.Coding;

/// <summary>How a time entry should be charged according to the coding standard.</summary>
public enum EntryClassification
{
    /// <summary>Absorbed by the agreement: its hours are applied to the agreement.</summary>
    Covered,

    /// <summary>Charged to the customer at the hourly rate.</summary>
    Billable,

    /// <summary>Internal or unchargeable work: never invoiced.</summary>
    NonBillable,

    /// <summary>Work on an agreement that the agreement does not cover: charged to the customer.</summary>
    Excluded,
}
