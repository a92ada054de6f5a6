using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>An agreement type, from <c>/finance/agreementTypes</c>: the defaults new agreements of this type inherit.</summary>
public sealed record AgreementType : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? Name { get; init; }

    public bool? DefaultFlag { get; init; }

    public bool? InactiveFlag { get; init; }

    public CwReference? BillingCycle { get; init; }

    public decimal? BillAmount { get; init; }

    public string? ApplicationUnits { get; init; }

    public decimal? ApplicationLimit { get; init; }

    public string? ApplicationCycle { get; init; }

    public bool? ApplicationUnlimitedFlag { get; init; }

    public bool? AllowOverruns { get; init; }

    public bool? CoverAgreementTime { get; init; }

    public bool? CoverAgreementProduct { get; init; }

    public bool? CoverAgreementExpense { get; init; }

    public string? BillTime { get; init; }

    public string? BillExpenses { get; init; }

    public string? BillProducts { get; init; }

    public CwReference? WorkRole { get; init; }

    public CwReference? WorkType { get; init; }

    public bool? ProrateFlag { get; init; }

    public string? InvoicingCycle { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
