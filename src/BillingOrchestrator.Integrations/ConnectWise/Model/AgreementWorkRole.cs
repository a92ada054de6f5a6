using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>An agreement's own rate for one work role, from <c>/finance/agreements/{id}/workRoles</c>.</summary>
public sealed record AgreementWorkRole : IAgreementChild
{
    public int Id { get; init; }

    public int AgreementId { get; init; }

    public CwReference? WorkRole { get; init; }

    public decimal? Rate { get; init; }

    /// <summary><c>AdjAmount</c>, <c>Custom</c> or <c>Multiplier</c>.</summary>
    public string? RateType { get; init; }

    public decimal? LimitTo { get; init; }

    public DateTimeOffset? EffectiveDate { get; init; }

    public DateTimeOffset? EndingDate { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
