using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A customer, from <c>/company/companies</c>.</summary>
public sealed record Company : IConnectWiseRecord
{
    public int Id { get; init; }

    /// <summary>The short code users see as "Company ID", for example <c>ACME</c>.</summary>
    public string? Identifier { get; init; }

    public string? Name { get; init; }

    public CwReference? Status { get; init; }

    public bool? DeletedFlag { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
