using BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>The rows of an export folder as read, before they are checked and become a <see cref="ConnectWiseSnapshot"/>.</summary>
internal sealed class ExportRows
{
    public required List<Row<Company>> Companies { get; init; }

    public required List<Row<Member>> Members { get; init; }

    public required List<Row<WorkType>> WorkTypes { get; init; }

    public required List<Row<WorkRole>> WorkRoles { get; init; }

    public required List<Row<AgreementType>> AgreementTypes { get; init; }

    public required List<Row<Agreement>> Agreements { get; init; }

    public required List<Row<AgreementAddition>> AgreementAdditions { get; init; }

    public required List<Row<AgreementWorkTypeExclusion>> AgreementWorkTypeExclusions { get; init; }

    public required List<Row<AgreementWorkRoleExclusion>> AgreementWorkRoleExclusions { get; init; }

    public required List<Row<AgreementWorkType>> AgreementWorkTypes { get; init; }

    public required List<Row<AgreementWorkRole>> AgreementWorkRoles { get; init; }

    public required List<Row<Ticket>> Tickets { get; init; }

    public required List<Row<TimeEntry>> TimeEntries { get; init; }

    public required List<Row<Invoice>> Invoices { get; init; }

    public ConnectWiseSnapshot ToSnapshot() => new()
    {
        Companies = Items(Companies),
        Members = Items(Members),
        WorkTypes = Items(WorkTypes),
        WorkRoles = Items(WorkRoles),
        AgreementTypes = Items(AgreementTypes),
        Agreements = Items(Agreements),
        AgreementAdditions = Items(AgreementAdditions),
        AgreementWorkTypeExclusions = Items(AgreementWorkTypeExclusions),
        AgreementWorkRoleExclusions = Items(AgreementWorkRoleExclusions),
        AgreementWorkTypes = Items(AgreementWorkTypes),
        AgreementWorkRoles = Items(AgreementWorkRoles),
        Tickets = Items(Tickets),
        TimeEntries = Items(TimeEntries),
        Invoices = Items(Invoices),
    };

    private static T[] Items<T>(List<Row<T>> rows) => [.. rows.Select(r => r.Item)];
}
