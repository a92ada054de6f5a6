using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>One entry of a record's <c>customFields</c> array.</summary>
public sealed record CwCustomField
{
    public int Id { get; init; }

    public string? Caption { get; init; }

    public string? Type { get; init; }

    public string? EntryMethod { get; init; }

    public int? NumberOfDecimals { get; init; }

    /// <summary>The value as sent: a string, number, boolean or null depending on <see cref="Type"/>.</summary>
    public JsonElement? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
