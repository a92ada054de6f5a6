namespace BillingOrchestrator.Billing.TimeEntries;

/// <summary>ConnectWise <c>chargeToType</c>: what a time entry is charged to.</summary>
public enum ChargeToType
{
    ServiceTicket,
    ProjectTicket,
    ChargeCode,
    Activity,
}
