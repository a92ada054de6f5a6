namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>The columns of a time entry CSV as ConnectWise exports it; see <see cref="ConnectWiseCsvImporter"/>.</summary>
internal static class TimeEntryCsvColumns
{
    public static readonly CsvColumn Id = new("Time Entry ID", "Time Entry RecID", "Id");
    public static readonly CsvColumn Company = new("Company", "Company Name");
    public static readonly CsvColumn CompanyIdentifier = new("Company ID");
    public static readonly CsvColumn CompanyRecId = new("Company RecID");
    public static readonly CsvColumn Member = new("Member", "Member ID", "Member Identifier");
    public static readonly CsvColumn MemberName = new("Member Name");
    public static readonly CsvColumn WorkType = new("Work Type");
    public static readonly CsvColumn WorkRole = new("Work Role");
    public static readonly CsvColumn Agreement = new("Agreement", "Agreement Name");
    public static readonly CsvColumn AgreementId = new("Agreement ID", "Agreement RecID");
    public static readonly CsvColumn BillableOption = new("Billable Option", "Billable");
    public static readonly CsvColumn DateStart = new("Date Start", "Date", "Date Worked");
    public static readonly CsvColumn TimeStart = new("Time Start", "Start Time");
    public static readonly CsvColumn TimeEnd = new("Time End", "End Time");
    public static readonly CsvColumn ActualHours = new("Actual Hours", "Hours Actual", "Hours");
    public static readonly CsvColumn BilledHours = new("Billed Hours", "Hours Billed");
    public static readonly CsvColumn HourlyRate = new("Hourly Rate", "Rate");
    public static readonly CsvColumn AgreementHours = new("Agreement Hours");
    public static readonly CsvColumn AgreementAmount = new("Agreement Amount");
    public static readonly CsvColumn Status = new("Status");
    public static readonly CsvColumn Ticket = new("Ticket", "Ticket #", "Ticket Number", "Charge To", "Charge To ID");
    public static readonly CsvColumn ChargeToType = new("Charge To Type");
    public static readonly CsvColumn Notes = new("Notes");
    public static readonly CsvColumn InternalNotes = new("Internal Notes");

    public static readonly string[] BillableOptions = ["Billable", "DoNotBill", "NoCharge", "NoDefault"];

    public static readonly string[] ChargeToTypes = ["ServiceTicket", "ProjectTicket", "ChargeCode", "Activity"];

    public static readonly string[] Statuses =
    [
        "Open", "Rejected", "PendingApproval", "ErrorsCorrected", "PendingProjectApproval", "ApprovedByTierOne",
        "RejectBySecondTier", "ApprovedByTierTwo", "ReadyToBill", "Billed", "WrittenOff", "BilledAgreement",
    ];
}
