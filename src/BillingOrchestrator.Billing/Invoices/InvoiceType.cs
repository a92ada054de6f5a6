namespace BillingOrchestrator.Billing.Invoices;

/// <summary>ConnectWise invoice <c>type</c>.</summary>
public enum InvoiceType
{
    Agreement,
    CreditMemo,
    DownPayment,
    Miscellaneous,
    Progress,
    Standard,
}
