namespace BillingOrchestrator.Billing.Agreements;

/// <summary>ConnectWise <c>agreementStatus</c>.</summary>
public enum AgreementStatus
{
    Active,
    Cancelled,
    Expired,
    Inactive,
}
