using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A work role, from <c>/time/workRoles</c>.</summary>
public sealed record WorkRole : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? Name { get; init; }

    public decimal? HourlyRate { get; init; }

    public bool? AddAllAgreementExclusions { get; init; }

    public IReadOnlyList<int>? LocationIds { get; init; }

    public bool? InactiveFlag { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
