namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>The columns of an agreement CSV as ConnectWise exports it; see <see cref="ConnectWiseCsvImporter"/>.</summary>
internal static class AgreementCsvColumns
{
    public static readonly CsvColumn Id = new("Agreement ID", "Agreement RecID", "Id");
    public static readonly CsvColumn Name = new("Agreement Name", "Name", "Agreement");
    public static readonly CsvColumn Company = new("Company", "Company Name");
    public static readonly CsvColumn CompanyIdentifier = new("Company ID");
    public static readonly CsvColumn CompanyRecId = new("Company RecID");
    public static readonly CsvColumn Type = new("Agreement Type", "Type");
    public static readonly CsvColumn Status = new("Agreement Status", "Status");
    public static readonly CsvColumn StartDate = new("Start Date");
    public static readonly CsvColumn EndDate = new("End Date");
    public static readonly CsvColumn NoEndingDate = new("No Ending Date", "No End Date");
    public static readonly CsvColumn Cancelled = new("Cancelled", "Cancelled Flag");
    public static readonly CsvColumn BillingCycle = new("Billing Cycle");
    public static readonly CsvColumn BillAmount = new("Bill Amount", "Billing Amount");
    public static readonly CsvColumn ApplicationUnits = new("Application Units");
    public static readonly CsvColumn ApplicationLimit = new("Application Limit");
    public static readonly CsvColumn ApplicationCycle = new("Application Cycle");
    public static readonly CsvColumn Unlimited = new("Application Unlimited", "Unlimited");
    public static readonly CsvColumn AllowOverruns = new("Allow Overruns");
    public static readonly CsvColumn CarryOverUnused = new("Carry Over Unused");
    public static readonly CsvColumn CoverAgreementTime = new("Cover Agreement Time", "Covers Time");
    public static readonly CsvColumn CoverAgreementProduct = new("Cover Agreement Product", "Covers Products");
    public static readonly CsvColumn CoverAgreementExpense = new("Cover Agreement Expense", "Covers Expenses");
    public static readonly CsvColumn BillTime = new("Bill Time");
    public static readonly CsvColumn BillExpenses = new("Bill Expenses");
    public static readonly CsvColumn BillProducts = new("Bill Products");
    public static readonly CsvColumn WorkType = new("Work Type");
    public static readonly CsvColumn WorkRole = new("Work Role");
    public static readonly CsvColumn CompHourlyRate = new("Comp Hourly Rate", "Hourly Rate");
    public static readonly CsvColumn ParentAgreement = new("Parent Agreement");
    public static readonly CsvColumn InvoicingCycle = new("Invoicing Cycle");
    public static readonly CsvColumn LastUpdated = new("Last Updated", "Date Updated");

    public static readonly string[] Statuses = ["Active", "Cancelled", "Expired", "Inactive"];

    public static readonly string[] Units = ["Amount", "Hours", "Incidents"];

    public static readonly string[] Cycles =
    [
        "Contract2Weeks", "Contract4Weeks", "ContractYear", "CalendarMonth", "CalendarQuarter", "CalendarWeek", "ContractQuarter", "CalendarYear",
    ];

    public static readonly string[] BillOptions = ["Billable", "DoNotBill", "NoCharge", "NoDefault"];

    public static readonly string[] InvoicingCycles = ["ContractYear", "CalendarYear"];
}
