namespace BillingOrchestrator.Billing.TimeEntries;

/// <summary>ConnectWise time entry <c>status</c>, from entry through approval to billing.</summary>
public enum TimeEntryStatus
{
    Open,
    Rejected,
    PendingApproval,
    ErrorsCorrected,
    PendingProjectApproval,
    ApprovedByTierOne,
    RejectBySecondTier,
    ApprovedByTierTwo,
    ReadyToBill,
    Billed,
    WrittenOff,
    BilledAgreement,
}
