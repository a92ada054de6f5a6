namespace BillingOrchestrator.Billing;

/// <summary>The ConnectWise entities a finding can point at.</summary>
public enum EntityKind
{
    Company,
    Member,
    WorkType,
    WorkRole,
    AgreementType,
    Agreement,
    AgreementAddition,
    ServiceTicket,
    TimeEntry,
    Invoice,
}
