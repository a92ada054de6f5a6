using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>An agreement's own rate and limits for one work type, from <c>/finance/agreements/{id}/workTypes</c>.</summary>
public sealed record AgreementWorkType : IAgreementChild
{
    public int Id { get; init; }

    public int AgreementId { get; init; }

    public CwReference? WorkType { get; init; }

    public decimal? Rate { get; init; }

    /// <summary><c>AdjAmount</c>, <c>Custom</c> or <c>Multiplier</c>.</summary>
    public string? RateType { get; init; }

    public string? BillTime { get; init; }

    public decimal? HoursMin { get; init; }

    public decimal? HoursMax { get; init; }

    public decimal? RoundBillHours { get; init; }

    public decimal? OverageRate { get; init; }

    public string? OverageRateType { get; init; }

    public decimal? AgreementLimit { get; init; }

    public DateTimeOffset? EffectiveDate { get; init; }

    public DateTimeOffset? EndingDate { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
