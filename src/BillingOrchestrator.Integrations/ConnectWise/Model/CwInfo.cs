using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>
/// The <c>_info</c> object every ConnectWise record and reference carries: who changed it last and when, plus
/// <c>*_href</c> links to related records (kept in <see cref="Additional"/>).
/// </summary>
public sealed record CwInfo
{
    public DateTimeOffset? LastUpdated { get; init; }

    public string? UpdatedBy { get; init; }

    public DateTimeOffset? DateEntered { get; init; }

    public string? EnteredBy { get; init; }

    /// <summary>Every other field, notably the <c>*_href</c> links, kept so an export reads like the API response.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }

    /// <summary>The link named <paramref name="name"/> (without the <c>_href</c> suffix), or null.</summary>
    public string? Href(string name) =>
        Additional is not null && Additional.TryGetValue(name + "_href", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
