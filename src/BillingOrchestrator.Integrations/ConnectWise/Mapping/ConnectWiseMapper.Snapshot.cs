using BillingOrchestrator.Billing;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.Import;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

public static partial class ConnectWiseMapper
{
    /// <summary>
    /// The whole snapshot, all or nothing: either every record mapped, or every problem found, named by export file
    /// (<see cref="ConnectWiseExportFiles"/>) and 1-based row. Agreements gather their sub-resources by <c>agreementId</c>.
    /// Records are not filtered by the period: back-dated time is exactly what some checks look for.
    /// </summary>
    /// <param name="ownCompanyId">The MSP's own company, which must be in the snapshot; null leaves
    /// <see cref="BillingSnapshot.OwnCompanyId"/> 0 (not known), which is enough for storing records.</param>
    /// <param name="periodEnd">The last day of the period, inclusive.</param>
    public static ImportResult<BillingSnapshot> MapSnapshot(ConnectWiseSnapshot snapshot, int? ownCompanyId, DateOnly periodStart, DateOnly periodEnd)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodEnd, periodStart);
        var problems = new List<ImportProblem>();
        var mapped = MapAll(snapshot, problems);
        if (ownCompanyId is { } own && snapshot.Companies.All(c => c.Id != own))
        {
            problems.Add(new ImportProblem(ConnectWiseExportFiles.Companies, 0, "ownCompanyId", $"company {own}, given as the MSP's own company, is not in {ConnectWiseExportFiles.Companies}"));
        }

        return problems.Count > 0
            ? ImportResult<BillingSnapshot>.Failure(problems)
            : ImportResult<BillingSnapshot>.Success(mapped with { OwnCompanyId = ownCompanyId ?? 0, PeriodStart = periodStart, PeriodEnd = periodEnd });
    }

    /// <summary>Every record that maps; problems for the rest. The period and own company are left for the caller.</summary>
    internal static BillingSnapshot MapAll(ConnectWiseSnapshot snapshot, List<ImportProblem> problems) => new()
    {
        OwnCompanyId = 0,
        PeriodStart = DateOnly.MinValue,
        PeriodEnd = DateOnly.MinValue,
        Companies = MapRows(snapshot.Companies, ConnectWiseExportFiles.Companies, MapCompany, problems),
        Members = MapRows(snapshot.Members, ConnectWiseExportFiles.Members, MapMember, problems),
        WorkTypes = MapRows(snapshot.WorkTypes, ConnectWiseExportFiles.WorkTypes, MapWorkType, problems),
        WorkRoles = MapRows(snapshot.WorkRoles, ConnectWiseExportFiles.WorkRoles, MapWorkRole, problems),
        AgreementTypes = MapRows(snapshot.AgreementTypes, ConnectWiseExportFiles.AgreementTypes, MapAgreementType, problems),
        Agreements = MapAgreements(snapshot, problems),
        Tickets = MapRows(snapshot.Tickets, ConnectWiseExportFiles.Tickets, MapTicket, problems),
        TimeEntries = MapRows(snapshot.TimeEntries, ConnectWiseExportFiles.TimeEntries, MapTimeEntry, problems),
        Invoices = MapRows(snapshot.Invoices, ConnectWiseExportFiles.Invoices, MapInvoice, problems),
    };

    private static List<Billing.Agreements.Agreement> MapAgreements(ConnectWiseSnapshot snapshot, List<ImportProblem> problems)
    {
        var ids = snapshot.Agreements.Select(a => a.Id).ToHashSet();
        var workTypes = Children(snapshot.AgreementWorkTypes, ConnectWiseExportFiles.AgreementWorkTypes, ids, problems);
        var workRoles = Children(snapshot.AgreementWorkRoles, ConnectWiseExportFiles.AgreementWorkRoles, ids, problems);
        var workTypeExclusions = Children(snapshot.AgreementWorkTypeExclusions, ConnectWiseExportFiles.AgreementWorkTypeExclusions, ids, problems);
        var workRoleExclusions = Children(snapshot.AgreementWorkRoleExclusions, ConnectWiseExportFiles.AgreementWorkRoleExclusions, ids, problems);
        var additions = Children(snapshot.AgreementAdditions, ConnectWiseExportFiles.AgreementAdditions, ids, problems);
        return MapRows(snapshot.Agreements, ConnectWiseExportFiles.Agreements, (agreement, file, row, found) =>
        {
            var id = agreement.Id;
            var parts = MapParts(workTypes[id], workRoles[id], workTypeExclusions[id], workRoleExclusions[id], additions[id], found);

            // Mapped even when a part failed, so the agreement's own problems are reported too.
            var mapped = MapAgreement(agreement, parts ?? AgreementParts.None, file, row, found);
            return parts is null ? null : mapped;
        }, problems);
    }

    private static List<TDomain> MapRows<TSource, TDomain>(
        IReadOnlyList<TSource> items, string file, Func<TSource, string, int, ICollection<ImportProblem>, TDomain?> map, List<ImportProblem> problems)
        where TSource : Cw.IConnectWiseRecord
        where TDomain : class
    {
        var mapped = new List<TDomain>(items.Count);
        var firstRow = new Dictionary<int, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var row = i + 1;
            if (Duplicate(items[i], file, row, firstRow, problems))
            {
                continue;
            }

            if (map(items[i], file, row, problems) is { } item)
            {
                mapped.Add(item);
            }
        }

        return mapped;
    }

    private static ILookup<int, Located<T>> Children<T>(IReadOnlyList<T> items, string file, HashSet<int> agreements, List<ImportProblem> problems)
        where T : Cw.IAgreementChild
    {
        var located = new List<Located<T>>(items.Count);
        var firstRow = new Dictionary<int, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var row = i + 1;
            var item = items[i];
            if (Duplicate(item, file, row, firstRow, problems))
            {
                continue;
            }

            if (!agreements.Contains(item.AgreementId))
            {
                problems.Add(new ImportProblem(file, row, "agreementId", item.AgreementId <= 0
                    ? "is required: every sub-resource object names its agreement"
                    : $"agreement {item.AgreementId} is not in {ConnectWiseExportFiles.Agreements}"));
                continue;
            }

            located.Add(new Located<T>(item, file, row));
        }

        return located.ToLookup(l => l.Item.AgreementId);
    }

    private static bool Duplicate(Cw.IConnectWiseRecord item, string file, int row, Dictionary<int, int> firstRow, List<ImportProblem> problems)
    {
        if (item.Id <= 0 || firstRow.TryAdd(item.Id, row))
        {
            return false;
        }

        problems.Add(new ImportProblem(file, row, "id", $"{item.Id} appears again (first at row {firstRow[item.Id]})"));
        return true;
    }
}
