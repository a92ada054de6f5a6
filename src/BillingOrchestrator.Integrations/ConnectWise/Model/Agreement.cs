using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>A customer agreement, from <c>/finance/agreements</c>: what is covered, how much, and how the rest is billed.</summary>
public sealed record Agreement : IConnectWiseRecord
{
    public int Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The agreement type.</summary>
    public CwReference? Type { get; init; }

    public CwReference? Company { get; init; }

    public CwReference? Contact { get; init; }

    /// <summary><c>Active</c>, <c>Cancelled</c>, <c>Expired</c> or <c>Inactive</c>.</summary>
    public string? AgreementStatus { get; init; }

    public CwReference? ParentAgreement { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public bool? NoEndingDateFlag { get; init; }

    public bool? CancelledFlag { get; init; }

    public CwReference? BillingCycle { get; init; }

    public DateTimeOffset? BillStartDate { get; init; }

    public DateTimeOffset? NextInvoiceDate { get; init; }

    public decimal? BillAmount { get; init; }

    /// <summary><c>Amount</c>, <c>Hours</c> or <c>Incidents</c>.</summary>
    public string? ApplicationUnits { get; init; }

    public decimal? ApplicationLimit { get; init; }

    /// <summary><c>Contract2Weeks</c>, <c>Contract4Weeks</c>, <c>ContractYear</c>, <c>CalendarMonth</c>, <c>CalendarQuarter</c>,
    /// <c>CalendarWeek</c>, <c>ContractQuarter</c> or <c>CalendarYear</c>.</summary>
    public string? ApplicationCycle { get; init; }

    public bool? ApplicationUnlimitedFlag { get; init; }

    public bool? AllowOverruns { get; init; }

    public bool? CarryOverUnused { get; init; }

    public bool? ExpireWhenZero { get; init; }

    public bool? CoverAgreementTime { get; init; }

    public bool? CoverAgreementProduct { get; init; }

    public bool? CoverAgreementExpense { get; init; }

    public bool? CoverSalesTax { get; init; }

    /// <summary><c>Billable</c>, <c>DoNotBill</c>, <c>NoCharge</c> or <c>NoDefault</c>; likewise <see cref="BillExpenses"/> and <see cref="BillProducts"/>.</summary>
    public string? BillTime { get; init; }

    public string? BillExpenses { get; init; }

    public string? BillProducts { get; init; }

    public CwReference? WorkRole { get; init; }

    public CwReference? WorkType { get; init; }

    public decimal? CompHourlyRate { get; init; }

    public decimal? CompLimitAmount { get; init; }

    public bool? ProrateFlag { get; init; }

    public string? InvoicingCycle { get; init; }

    public CwReference? TaxCode { get; init; }

    public CwReference? Sla { get; init; }

    public IReadOnlyList<CwCustomField>? CustomFields { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
