using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A work role the agreement does not cover, from <c>/finance/agreements/{id}/workRoleExclusions</c>.</summary>
public sealed record AgreementWorkRoleExclusion : IAgreementChild
{
    public int Id { get; init; }

    public int AgreementId { get; init; }

    public CwReference? WorkRole { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
