namespace BillingOrchestrator.Billing.Psa;

/// <summary>ConnectWise <c>billableOption</c> / <c>billTime</c>: how time is charged.</summary>
public enum BillableOption
{
    Billable,
    DoNotBill,
    NoCharge,
    NoDefault,
}
