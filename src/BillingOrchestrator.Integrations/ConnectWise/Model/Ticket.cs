using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A service ticket, from <c>/service/tickets</c>. Its <see cref="Board"/> is the service line.</summary>
public sealed record Ticket : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? Summary { get; init; }

    /// <summary>The service board, which the product reports as the service line.</summary>
    public CwReference? Board { get; init; }

    public CwReference? Company { get; init; }

    public CwReference? Agreement { get; init; }

    public CwReference? Status { get; init; }

    public CwReference? Type { get; init; }

    public CwReference? Priority { get; init; }

    public decimal? ActualHours { get; init; }

    public bool? ClosedFlag { get; init; }

    public DateTimeOffset? ClosedDate { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
