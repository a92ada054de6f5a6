using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.TimeEntries;

/// <summary>
/// A ConnectWise time entry (<c>/time/entries</c>). An entry is covered when hours are applied to its agreement
/// (<see cref="AgreementHours"/>); what is left of <see cref="HoursBilled"/> is charged at <see cref="HourlyRate"/>.
/// </summary>
public sealed record TimeEntry
{
    public required int Id { get; init; }

    public required int CompanyId { get; init; }

    public required ChargeToType ChargeToType { get; init; }

    /// <summary>ConnectWise <c>chargeToId</c>: the ticket, charge code or activity id.</summary>
    public int? ChargeToId { get; init; }

    public required int MemberId { get; init; }

    public required int WorkTypeId { get; init; }

    public required int WorkRoleId { get; init; }

    public int? AgreementId { get; init; }

    public required DateTimeOffset TimeStart { get; init; }

    public required DateTimeOffset TimeEnd { get; init; }

    public required Hours ActualHours { get; init; }

    public required Hours HoursBilled { get; init; }

    /// <summary>ConnectWise <c>agreementHours</c>: the part of the billed hours the agreement absorbed.</summary>
    public Hours AgreementHours { get; init; }

    public required BillableOption BillableOption { get; init; }

    public required Money HourlyRate { get; init; }

    public required TimeEntryStatus Status { get; init; }

    /// <summary>ConnectWise <c>invoice</c>: the invoice that billed the entry, if any.</summary>
    public int? InvoiceId { get; init; }

    /// <summary>Who approved the entry's time sheet; null while it has not been approved.</summary>
    public string? ApprovedBy { get; init; }

    public string? Notes { get; init; }

    public required DateTimeOffset DateEntered { get; init; }

    /// <summary>The ticket the entry is charged to, when it is charged to a service or project ticket.</summary>
    public int? TicketId => ChargeToType is ChargeToType.ServiceTicket or ChargeToType.ProjectTicket ? ChargeToId : null;

    public bool IsCovered => AgreementId is not null && AgreementHours > Hours.Zero;

    /// <summary>The hours the customer is charged for beyond the agreement: billed hours minus agreement hours.</summary>
    public Hours ChargeableHours => BillableOption == BillableOption.Billable ? HoursBilled - AgreementHours : Hours.Zero;

    /// <summary>What the entry adds to an invoice, in cents.</summary>
    public Money ChargeableAmount => (HourlyRate * ChargeableHours).RoundToCents();
}
