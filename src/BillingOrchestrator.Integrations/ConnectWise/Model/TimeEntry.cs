using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>Logged time, from <c>/time/entries</c>.</summary>
public sealed record TimeEntry : IConnectWiseRecord
{
    public int Id { get; init; }

    public CwReference? Company { get; init; }

    /// <summary><c>ServiceTicket</c>, <c>ProjectTicket</c>, <c>ChargeCode</c> or <c>Activity</c>.</summary>
    public string? ChargeToType { get; init; }

    public int? ChargeToId { get; init; }

    public CwReference? Member { get; init; }

    public CwReference? WorkType { get; init; }

    public CwReference? WorkRole { get; init; }

    public CwReference? Agreement { get; init; }

    public CwReference? Ticket { get; init; }

    public CwReference? Project { get; init; }

    public CwReference? Phase { get; init; }

    /// <summary>When the work started; the API requires it.</summary>
    public DateTimeOffset? TimeStart { get; init; }

    public DateTimeOffset? TimeEnd { get; init; }

    public decimal? HoursDeduct { get; init; }

    public decimal? ActualHours { get; init; }

    /// <summary><c>Billable</c>, <c>DoNotBill</c>, <c>NoCharge</c> or <c>NoDefault</c>.</summary>
    public string? BillableOption { get; init; }

    public string? Notes { get; init; }

    public string? InternalNotes { get; init; }

    public decimal? HoursBilled { get; init; }

    public decimal? InvoiceHours { get; init; }

    public decimal? AgreementHours { get; init; }

    public decimal? AgreementAmount { get; init; }

    public decimal? HourlyRate { get; init; }

    public decimal? OverageRate { get; init; }

    public CwReference? Invoice { get; init; }

    public CwReference? TimeSheet { get; init; }

    public string? EnteredBy { get; init; }

    public DateTimeOffset? DateEntered { get; init; }

    public int? LocationId { get; init; }

    public int? BusinessUnitId { get; init; }

    /// <summary><c>Open</c>, <c>Rejected</c>, <c>PendingApproval</c>, <c>ErrorsCorrected</c>, <c>PendingProjectApproval</c>,
    /// <c>ApprovedByTierOne</c>, <c>RejectBySecondTier</c>, <c>ApprovedByTierTwo</c>, <c>ReadyToBill</c>, <c>Billed</c>,
    /// <c>WrittenOff</c> or <c>BilledAgreement</c>.</summary>
    public string? Status { get; init; }

    [JsonPropertyName("_info")]
    public CwInfo? Info { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Additional { get; init; }
}
