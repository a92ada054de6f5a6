using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A product billed with an agreement, from <c>/finance/agreements/{id}/additions</c>.</summary>
public sealed record AgreementAddition : IAgreementChild
{
    public int Id { get; init; }

    public int AgreementId { get; init; }

    public CwReference? Product { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? LessIncluded { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? UnitCost { get; init; }

    /// <summary><c>Billable</c>, <c>DoNotBill</c> or <c>NoCharge</c>.</summary>
    public string? BillCustomer { get; init; }

    public DateTimeOffset? EffectiveDate { get; init; }

    public DateTimeOffset? CancelledDate { get; init; }

    public decimal? ExtPrice { get; init; }

    public decimal? ExtCost { get; init; }

    public decimal? Margin { get; init; }

    public string? AgreementStatus { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
