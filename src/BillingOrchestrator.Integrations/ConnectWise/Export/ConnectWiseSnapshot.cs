using BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>Everything the product reads from ConnectWise at one moment, as the API returns it.</summary>
public sealed record ConnectWiseSnapshot
{
    public IReadOnlyList<Company> Companies { get; init; } = [];

    public IReadOnlyList<Member> Members { get; init; } = [];

    public IReadOnlyList<WorkType> WorkTypes { get; init; } = [];

    public IReadOnlyList<WorkRole> WorkRoles { get; init; } = [];

    public IReadOnlyList<AgreementType> AgreementTypes { get; init; } = [];

    public IReadOnlyList<Agreement> Agreements { get; init; } = [];

    public IReadOnlyList<AgreementAddition> AgreementAdditions { get; init; } = [];

    public IReadOnlyList<AgreementWorkTypeExclusion> AgreementWorkTypeExclusions { get; init; } = [];

    public IReadOnlyList<AgreementWorkRoleExclusion> AgreementWorkRoleExclusions { get; init; } = [];

    /// <summary>Per-agreement work type rates; optional in an export folder.</summary>
    public IReadOnlyList<AgreementWorkType> AgreementWorkTypes { get; init; } = [];

    /// <summary>Per-agreement work role rates; optional in an export folder.</summary>
    public IReadOnlyList<AgreementWorkRole> AgreementWorkRoles { get; init; } = [];

    public IReadOnlyList<Ticket> Tickets { get; init; } = [];

    public IReadOnlyList<TimeEntry> TimeEntries { get; init; } = [];

    public IReadOnlyList<Invoice> Invoices { get; init; } = [];
}
