using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A work type the agreement does not cover, from <c>/finance/agreements/{id}/workTypeExclusions</c>.</summary>
public sealed record AgreementWorkTypeExclusion : IAgreementChild
{
    public int Id { get; init; }

    public int AgreementId { get; init; }

    public CwReference? WorkType { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
