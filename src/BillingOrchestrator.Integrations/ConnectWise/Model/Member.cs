using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A technician or other PSA user, from <c>/system/members</c>.</summary>
public sealed record Member : IConnectWiseRecord
{
    public int Id { get; init; }

    /// <summary>The login name, for example <c>jsmith</c>.</summary>
    public string? Identifier { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public CwReference? DefaultRole { get; init; }

    public decimal? DailyCapacity { get; init; }

    public decimal? HourlyCost { get; init; }

    public decimal? HourlyRate { get; init; }

    public bool? InactiveFlag { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
