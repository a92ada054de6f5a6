namespace BillingOrchestrator.Billing.Invoices;

/// <summary>ConnectWise invoice <c>applyToType</c>: what the invoice bills.</summary>
public enum ApplyToType
{
    All,
    Agreement,
    Project,
    ProjectPhase,
    SalesOrder,
    Ticket,
}
