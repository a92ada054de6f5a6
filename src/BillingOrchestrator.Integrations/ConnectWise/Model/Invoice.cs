using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>An invoice, from <c>/finance/invoices</c>.</summary>
public sealed record Invoice : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? InvoiceNumber { get; init; }

    /// <summary><c>Agreement</c>, <c>CreditMemo</c>, <c>DownPayment</c>, <c>Miscellaneous</c>, <c>Progress</c> or <c>Standard</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>All</c>, <c>Agreement</c>, <c>Project</c>, <c>ProjectPhase</c>, <c>SalesOrder</c> or <c>Ticket</c>.</summary>
    public string? ApplyToType { get; init; }

    public int? ApplyToId { get; init; }

    public CwReference? Company { get; init; }

    public CwReference? BillToCompany { get; init; }

    public CwReference? Agreement { get; init; }

    public CwReference? Status { get; init; }

    public DateTimeOffset? Date { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    public decimal? ServiceTotal { get; init; }

    public decimal? ProductTotal { get; init; }

    public decimal? ExpenseTotal { get; init; }

    public decimal? AgreementAmount { get; init; }

    public decimal? ServiceAdjustmentAmount { get; init; }

    public decimal? Subtotal { get; init; }

    public decimal? SalesTax { get; init; }

    public decimal? Total { get; init; }

    public decimal? Balance { get; init; }

    public decimal? Payments { get; init; }

    public decimal? Credits { get; init; }

    public bool? SpecialInvoiceFlag { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
