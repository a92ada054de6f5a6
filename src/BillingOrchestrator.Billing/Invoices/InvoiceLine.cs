namespace BillingOrchestrator.Billing.Invoices;

/// <summary>One billed item on an invoice, pointing at the record it bills (a time entry, an agreement, an addition).</summary>
public sealed record InvoiceLine
{
    public SourceRef? Source { get; init; }

    public required string Description { get; init; }

    public required decimal Quantity { get; init; }

    public required Money UnitPrice { get; init; }

    public required Money Amount { get; init; }
}
