using BillingOrchestrator.Integrations.ConnectWise.Model;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>
/// Checks an export folder's rows: ids present and unique per file, the fields the API always sends, sane values, and
/// that references point at records in the folder (a time entry's company is in companies.json, and so on).
/// </summary>
internal static class ExportValidator
{
    private static readonly HashSet<string> BillableOptions = new(StringComparer.Ordinal) { "Billable", "DoNotBill", "NoCharge", "NoDefault" };

    /// <param name="unreadable">Files with rows that could not be read; references into them are not checked.</param>
    public static void Validate(ExportRows rows, IReadOnlySet<string> unreadable, List<ImportProblem> problems)
    {
        var companies = Ids(ConnectWiseExportFiles.Companies, rows.Companies, problems);
        var members = Ids(ConnectWiseExportFiles.Members, rows.Members, problems);
        var workTypes = Ids(ConnectWiseExportFiles.WorkTypes, rows.WorkTypes, problems);
        var workRoles = Ids(ConnectWiseExportFiles.WorkRoles, rows.WorkRoles, problems);
        var agreementTypes = Ids(ConnectWiseExportFiles.AgreementTypes, rows.AgreementTypes, problems);
        var agreements = Ids(ConnectWiseExportFiles.Agreements, rows.Agreements, problems);
        Ids(ConnectWiseExportFiles.AgreementAdditions, rows.AgreementAdditions, problems);
        Ids(ConnectWiseExportFiles.AgreementWorkTypeExclusions, rows.AgreementWorkTypeExclusions, problems);
        Ids(ConnectWiseExportFiles.AgreementWorkRoleExclusions, rows.AgreementWorkRoleExclusions, problems);
        Ids(ConnectWiseExportFiles.AgreementWorkTypes, rows.AgreementWorkTypes, problems);
        Ids(ConnectWiseExportFiles.AgreementWorkRoles, rows.AgreementWorkRoles, problems);
        var tickets = Ids(ConnectWiseExportFiles.Tickets, rows.Tickets, problems);
        Ids(ConnectWiseExportFiles.TimeEntries, rows.TimeEntries, problems);
        Ids(ConnectWiseExportFiles.Invoices, rows.Invoices, problems);

        var check = new Checker(problems, unreadable);
        foreach (var (row, company) in rows.Companies)
        {
            check.Text(ConnectWiseExportFiles.Companies, row, "identifier", company.Identifier);
        }

        foreach (var (row, member) in rows.Members)
        {
            check.Text(ConnectWiseExportFiles.Members, row, "identifier", member.Identifier);
        }

        foreach (var (row, workType) in rows.WorkTypes)
        {
            check.Text(ConnectWiseExportFiles.WorkTypes, row, "name", workType.Name);
        }

        foreach (var (row, workRole) in rows.WorkRoles)
        {
            check.Text(ConnectWiseExportFiles.WorkRoles, row, "name", workRole.Name);
        }

        foreach (var (row, type) in rows.AgreementTypes)
        {
            check.Text(ConnectWiseExportFiles.AgreementTypes, row, "name", type.Name);
        }

        const string AgreementsFile = ConnectWiseExportFiles.Agreements;
        foreach (var (row, agreement) in rows.Agreements)
        {
            check.Text(AgreementsFile, row, "name", agreement.Name);
            check.Reference(AgreementsFile, row, "company", agreement.Company, companies, ConnectWiseExportFiles.Companies, required: true);
            check.Reference(AgreementsFile, row, "type", agreement.Type, agreementTypes, ConnectWiseExportFiles.AgreementTypes, required: true);
            check.Reference(AgreementsFile, row, "parentAgreement", agreement.ParentAgreement, agreements, AgreementsFile, required: false);
            check.Reference(AgreementsFile, row, "workType", agreement.WorkType, workTypes, ConnectWiseExportFiles.WorkTypes, required: false);
            check.Reference(AgreementsFile, row, "workRole", agreement.WorkRole, workRoles, ConnectWiseExportFiles.WorkRoles, required: false);
            check.NotNegative(AgreementsFile, row, "applicationLimit", agreement.ApplicationLimit);
            if (agreement.StartDate is { } start && agreement.EndDate is { } end && end < start)
            {
                problems.Add(new ImportProblem(AgreementsFile, row, "endDate", "is before startDate"));
            }
        }

        foreach (var (row, addition) in rows.AgreementAdditions)
        {
            check.Agreement(ConnectWiseExportFiles.AgreementAdditions, row, addition, agreements);
            check.Present(ConnectWiseExportFiles.AgreementAdditions, row, "product", addition.Product);
        }

        foreach (var (row, exclusion) in rows.AgreementWorkTypeExclusions)
        {
            check.Agreement(ConnectWiseExportFiles.AgreementWorkTypeExclusions, row, exclusion, agreements);
            check.Reference(ConnectWiseExportFiles.AgreementWorkTypeExclusions, row, "workType", exclusion.WorkType, workTypes, ConnectWiseExportFiles.WorkTypes, required: true);
        }

        foreach (var (row, exclusion) in rows.AgreementWorkRoleExclusions)
        {
            check.Agreement(ConnectWiseExportFiles.AgreementWorkRoleExclusions, row, exclusion, agreements);
            check.Reference(ConnectWiseExportFiles.AgreementWorkRoleExclusions, row, "workRole", exclusion.WorkRole, workRoles, ConnectWiseExportFiles.WorkRoles, required: true);
        }

        foreach (var (row, rate) in rows.AgreementWorkTypes)
        {
            check.Agreement(ConnectWiseExportFiles.AgreementWorkTypes, row, rate, agreements);
            check.Reference(ConnectWiseExportFiles.AgreementWorkTypes, row, "workType", rate.WorkType, workTypes, ConnectWiseExportFiles.WorkTypes, required: true);
        }

        foreach (var (row, rate) in rows.AgreementWorkRoles)
        {
            check.Agreement(ConnectWiseExportFiles.AgreementWorkRoles, row, rate, agreements);
            check.Reference(ConnectWiseExportFiles.AgreementWorkRoles, row, "workRole", rate.WorkRole, workRoles, ConnectWiseExportFiles.WorkRoles, required: true);
        }

        foreach (var (row, ticket) in rows.Tickets)
        {
            check.Reference(ConnectWiseExportFiles.Tickets, row, "company", ticket.Company, companies, ConnectWiseExportFiles.Companies, required: true);
            check.Reference(ConnectWiseExportFiles.Tickets, row, "agreement", ticket.Agreement, agreements, AgreementsFile, required: false);
        }

        const string TimeFile = ConnectWiseExportFiles.TimeEntries;
        foreach (var (row, entry) in rows.TimeEntries)
        {
            check.Present(TimeFile, row, "timeStart", entry.TimeStart);
            check.Reference(TimeFile, row, "member", entry.Member, members, ConnectWiseExportFiles.Members, required: true);
            check.Reference(TimeFile, row, "company", entry.Company, companies, ConnectWiseExportFiles.Companies, required: false);
            check.Reference(TimeFile, row, "workType", entry.WorkType, workTypes, ConnectWiseExportFiles.WorkTypes, required: false);
            check.Reference(TimeFile, row, "workRole", entry.WorkRole, workRoles, ConnectWiseExportFiles.WorkRoles, required: false);
            check.Reference(TimeFile, row, "agreement", entry.Agreement, agreements, AgreementsFile, required: false);

            // Project tickets live under /project/tickets, which an export does not carry.
            if (entry.ChargeToType is null or "ServiceTicket")
            {
                check.Reference(TimeFile, row, "ticket", entry.Ticket, tickets, ConnectWiseExportFiles.Tickets, required: false);
            }

            check.NotNegative(TimeFile, row, "actualHours", entry.ActualHours);
            check.NotNegative(TimeFile, row, "hourlyRate", entry.HourlyRate);
            if (entry.TimeStart is { } start && entry.TimeEnd is { } end && end < start)
            {
                problems.Add(new ImportProblem(TimeFile, row, "timeEnd", "is before timeStart"));
            }

            if (entry.BillableOption is { } option && !BillableOptions.Contains(option))
            {
                problems.Add(new ImportProblem(TimeFile, row, "billableOption", $"\"{option}\" is not Billable, DoNotBill, NoCharge or NoDefault"));
            }
        }

        foreach (var (row, invoice) in rows.Invoices)
        {
            check.Text(ConnectWiseExportFiles.Invoices, row, "invoiceNumber", invoice.InvoiceNumber);
            check.Reference(ConnectWiseExportFiles.Invoices, row, "company", invoice.Company, companies, ConnectWiseExportFiles.Companies, required: false);
            check.Reference(ConnectWiseExportFiles.Invoices, row, "agreement", invoice.Agreement, agreements, AgreementsFile, required: false);
        }
    }

    private static HashSet<int> Ids<T>(string file, List<Row<T>> rows, List<ImportProblem> problems)
        where T : IConnectWiseRecord
    {
        var firstRow = new Dictionary<int, int>();
        foreach (var (row, item) in rows)
        {
            if (item.Id <= 0)
            {
                problems.Add(new ImportProblem(file, row, "id", "is required and must be a positive whole number"));
            }
            else if (!firstRow.TryAdd(item.Id, row))
            {
                problems.Add(new ImportProblem(file, row, "id", $"{item.Id} appears again (first at row {firstRow[item.Id]})"));
            }
        }

        return [.. firstRow.Keys];
    }

    private sealed class Checker(List<ImportProblem> problems, IReadOnlySet<string> unreadable)
    {
        public void Text(string file, int row, string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new ImportProblem(file, row, field, "is required"));
            }
        }

        public void Present<TValue>(string file, int row, string field, TValue? value)
        {
            if (value is null)
            {
                problems.Add(new ImportProblem(file, row, field, "is required"));
            }
        }

        public void NotNegative(string file, int row, string field, decimal? value)
        {
            if (value < 0)
            {
                problems.Add(new ImportProblem(file, row, field, $"{value} is negative"));
            }
        }

        public void Reference(string file, int row, string field, CwReference? reference, HashSet<int> known, string knownFile, bool required)
        {
            if (reference is null)
            {
                if (required)
                {
                    problems.Add(new ImportProblem(file, row, field, "is required"));
                }

                return;
            }

            if (reference.Id <= 0)
            {
                problems.Add(new ImportProblem(file, row, field + ".id", "is required and must be a positive whole number"));
            }
            else if (!known.Contains(reference.Id) && !unreadable.Contains(knownFile))
            {
                problems.Add(new ImportProblem(file, row, field + ".id", $"{field} {reference.Id} is not in {knownFile}"));
            }
        }

        public void Agreement(string file, int row, IAgreementChild child, HashSet<int> agreements)
        {
            if (child.AgreementId <= 0)
            {
                problems.Add(new ImportProblem(file, row, "agreementId", "is required: every sub-resource object names its agreement"));
            }
            else if (!agreements.Contains(child.AgreementId) && !unreadable.Contains(ConnectWiseExportFiles.Agreements))
            {
                problems.Add(new ImportProblem(file, row, "agreementId", $"agreement {child.AgreementId} is not in {ConnectWiseExportFiles.Agreements}"));
            }
        }
    }
}
