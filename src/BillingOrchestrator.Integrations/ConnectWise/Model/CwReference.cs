using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>
/// A reference to another record as the API embeds it: <c>{ "id": 250, "identifier": "ACME", "name": "Acme Ltd", "_info": {...} }</c>.
/// Which of <see cref="Identifier"/> and <see cref="Name"/> is present depends on the record referred to; extra fields
/// (a ticket reference's <c>summary</c>, for one) are kept in <see cref="Additional"/>.
/// </summary>
public sealed record CwReference
{
    /// <summary>The referenced record's id; 0 when only a name or identifier is known (CSV imports).</summary>
    public int Id { get; init; }

    public string? Identifier { get; init; }

    public string? Name { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }

    public override string ToString() => Identifier ?? Name ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
