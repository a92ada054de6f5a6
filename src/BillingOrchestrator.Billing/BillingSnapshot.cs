using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing;

/// <summary>Everything the billing checks read, as read from ConnectWise for one period. Immutable.</summary>
public sealed record BillingSnapshot
{
    /// <summary>The MSP's own company: internal time is charged to it.</summary>
    public required int OwnCompanyId { get; init; }

    public required DateOnly PeriodStart { get; init; }

    /// <summary>The last day of the period, inclusive.</summary>
    public required DateOnly PeriodEnd { get; init; }

    public IReadOnlyList<Company> Companies { get; init; } = [];

    public IReadOnlyList<Member> Members { get; init; } = [];

    public IReadOnlyList<WorkType> WorkTypes { get; init; } = [];

    public IReadOnlyList<WorkRole> WorkRoles { get; init; } = [];

    public IReadOnlyList<AgreementType> AgreementTypes { get; init; } = [];

    public IReadOnlyList<Agreement> Agreements { get; init; } = [];

    public IReadOnlyList<ServiceTicket> Tickets { get; init; } = [];

    public IReadOnlyList<TimeEntry> TimeEntries { get; init; } = [];

    public IReadOnlyList<Invoice> Invoices { get; init; } = [];
}
