namespace BillingOrchestrator.Billing.Invoices;

/// <summary>A ConnectWise invoice (<c>/finance/invoices</c>) with its lines.</summary>
public sealed record Invoice
{
    public required int Id { get; init; }

    public required string InvoiceNumber { get; init; }

    public required InvoiceType Type { get; init; }

    public required ApplyToType ApplyToType { get; init; }

    public int? ApplyToId { get; init; }

    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>ConnectWise <c>serviceTotal</c>: time billed.</summary>
    public Money ServiceTotal { get; init; }

    public Money ProductTotal { get; init; }

    /// <summary>ConnectWise <c>agreementAmount</c>: the agreement fee and additions billed.</summary>
    public Money AgreementAmount { get; init; }

    public required Money Subtotal { get; init; }

    public required Money Total { get; init; }

    public IReadOnlyList<InvoiceLine> Lines { get; init; } = [];
}
