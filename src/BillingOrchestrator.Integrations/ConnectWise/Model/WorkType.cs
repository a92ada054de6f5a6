using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A work type, from <c>/time/workTypes</c>. A <c>Multiplier</c> rate type multiplies the role's hourly rate.</summary>
public sealed record WorkType : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? Name { get; init; }

    /// <summary><c>Billable</c>, <c>DoNotBill</c> or <c>NoCharge</c>.</summary>
    public string? BillTime { get; init; }

    public decimal? Rate { get; init; }

    /// <summary><c>AdjAmount</c>, <c>Custom</c> or <c>Multiplier</c>.</summary>
    public string? RateType { get; init; }

    public decimal? HoursMin { get; init; }

    public decimal? HoursMax { get; init; }

    public decimal? RoundBillHoursTo { get; init; }

    public decimal? CostMultiplier { get; init; }

    public bool? UtilizationFlag { get; init; }

    public bool? AddAllAgreementExclusions { get; init; }

    public bool? InactiveFlag { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
