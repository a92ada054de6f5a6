using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.Import;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class CsvImportTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task TimeEntries_ConnectWiseExport_IsReadWithReferencesDatesMoneyAndOptionsNormalized()
    {
        var result = await new ConnectWiseCsvImporter().ReadTimeEntriesAsync(Fixtures.FilePath("csv/time-entries.csv"), CancellationToken.None);

        result.Problems.ShouldBeEmpty();
        var entries = result.Value!;
        entries.Select(e => e.Id).ShouldBe([7001, 7002, 7004]);

        var first = entries[0];
        first.Company!.Identifier.ShouldBe("ACME");
        first.Company.Name.ShouldBe("Acme Manufacturing");
        first.Member!.Identifier.ShouldBe("jsmith");
        first.Member.Name.ShouldBe("John Smith");
        first.WorkType!.Name.ShouldBe("Remote Support");
        first.Agreement!.Name.ShouldBe("Acme - Managed Services");
        first.Ticket!.Id.ShouldBe(3001);
        first.ChargeToType.ShouldBe("ServiceTicket");
        first.ChargeToId.ShouldBe(3001);
        first.TimeStart.ShouldBe(Utc(2026, 1, 5, 9, 0));
        first.TimeEnd.ShouldBe(Utc(2026, 1, 5, 10, 30));
        first.ActualHours.ShouldBe(1.50m);
        first.HourlyRate.ShouldBe(150.00m);
        first.Status.ShouldBe("Billed");
        first.Notes.ShouldBe("Replaced toner, cleared queue");

        var overnight = entries[1];
        overnight.BillableOption.ShouldBe("DoNotBill");
        overnight.TimeStart.ShouldBe(Utc(2026, 1, 12, 23, 0));
        overnight.TimeEnd.ShouldBe(Utc(2026, 1, 13, 2, 0));
        overnight.HourlyRate.ShouldBe(1277.50m);
        overnight.Status.ShouldBe("ReadyToBill");
        overnight.Notes.ShouldNotBeNull().ShouldStartWith("Patched servers");
        overnight.Notes.ShouldEndWith("rebooted \"DC01\"");

        var internalTime = entries[2];
        internalTime.BillableOption.ShouldBe("NoCharge");
        internalTime.TimeStart.ShouldBe(Utc(2026, 1, 20, 12, 0));
        internalTime.Agreement.ShouldBeNull();
        internalTime.Ticket.ShouldBeNull();
        internalTime.Notes.ShouldBeNull();
    }

    [Fact]
    public void TimesWithoutAnOffset_AreReadInTheImportersTimeZone()
    {
        var eastern = TimeZoneInfo.CreateCustomTimeZone("Test/UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        const string Csv = "Id,Company,Member,Billable,Time Start,Time End\n1,Acme,jsmith,Billable,1/5/2026 9:00 AM,2026-01-05T15:00:00Z\n";

        var result = new ConnectWiseCsvImporter(eastern).ReadTimeEntries(new StringReader(Csv), "te.csv");

        result.Problems.ShouldBeEmpty();
        var entry = result.Value.ShouldNotBeNull().ShouldHaveSingleItem();
        entry.TimeStart.ShouldBe(Utc(2026, 1, 5, 14, 0));
        entry.TimeEnd.ShouldBe(Utc(2026, 1, 5, 15, 0));
    }

    [Fact]
    public void TimeEntries_BadRows_AreAllReportedWithRowAndColumn_AndNothingIsImported()
    {
        const string Csv = """
            Time Entry ID,Company,Member,Billable Option,Date Start,Time Start,Time End,Actual Hours,Hourly Rate,Status
            7001,Acme Manufacturing,jsmith,Billable,1/5/2026,9:00 AM,10:30 AM,1.5,150,Billed
            abc,Acme Manufacturing,jsmith,Billable,1/5/2026,9:00 AM,10:30 AM,1.5,150,Billed
            7003,,jsmith,Billable,1/5/2026,9:00 AM,10:30 AM,1.5,150,Billed
            7004,Acme Manufacturing,jsmith,Sometimes,13/45/2026,9:00 AM,,-2,ten,Billed
            7001,Acme Manufacturing,jsmith,Billable,1/6/2026,9:00 AM,,1,150,Billed
            7006,Acme Manufacturing,jsmith,Billable,1/6/2026,9:00 AM,,1,150
            7007,Acme Manufacturing,,Billable,1/6/2026,9:00 AM,8:00 AM,1,150,Invoiced
            """;

        var result = new ConnectWiseCsvImporter().ReadTimeEntries(new StringReader(Csv), "time.csv");

        result.Value.ShouldBeNull();
        result.Problems.ShouldBe(
        [
            new ImportProblem("time.csv", 3, "Time Entry ID", "\"abc\" is not a positive whole number"),
            new ImportProblem("time.csv", 4, "Company", "is required (a company name, Company ID or Company RecID)"),
            new ImportProblem("time.csv", 5, "Date Start", "\"13/45/2026\" is not a date such as 2026-10-01 or 10/1/2026"),
            new ImportProblem("time.csv", 5, "Billable Option", "\"Sometimes\" is not one of Billable, DoNotBill, NoCharge, NoDefault"),
            new ImportProblem("time.csv", 5, "Actual Hours", "-2 is negative"),
            new ImportProblem("time.csv", 5, "Hourly Rate", "\"ten\" is not a number (use a dot for decimals, for example 1.25)"),
            new ImportProblem("time.csv", 6, "Time Entry ID", "7001 appears again (first at row 2)"),
            new ImportProblem("time.csv", 7, "(row)", "has 9 fields where the header has 10"),
            new ImportProblem("time.csv", 8, "Member", "is required"),
            new ImportProblem("time.csv", 8, "Status", "\"Invoiced\" is not one of Open, Rejected, PendingApproval, ErrorsCorrected, PendingProjectApproval, ApprovedByTierOne, RejectBySecondTier, ApprovedByTierTwo, ReadyToBill, Billed, WrittenOff, BilledAgreement"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void MissingRequiredColumns_AreReportedOnTheHeaderRow_WithTheAcceptedNames()
    {
        const string Csv = "Id,Company,Date Start,Time Start\n1,Acme,1/5/2026,9:00 AM\n";

        var result = new ConnectWiseCsvImporter().ReadTimeEntries(new StringReader(Csv), "te.csv");

        result.Value.ShouldBeNull();
        result.Problems.ShouldBe(
        [
            new ImportProblem("te.csv", 1, "Member", "column is missing from the time entries header; accepted names: \"Member\" | \"Member ID\" | \"Member Identifier\""),
            new ImportProblem("te.csv", 1, "Billable Option", "column is missing from the time entries header; accepted names: \"Billable Option\" | \"Billable\""),
        ]);
    }

    [Fact]
    public void UnclosedQuote_IsReportedAsInvalidCsv_AndNothingIsImported()
    {
        const string Csv = "Id,Company,Member,Billable,Time Start,Notes\n1,Acme,jsmith,Billable,2026-01-05 09:00,ok\n2,Acme,jsmith,Billable,2026-01-05 10:00,\"never closed\n";

        var result = new ConnectWiseCsvImporter().ReadTimeEntries(new StringReader(Csv), "te.csv");

        result.Value.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().ShouldBe(new ImportProblem("te.csv", 3, "(row)", "is not valid CSV: a quoted field is never closed"));
    }

    [Fact]
    public void EmptyFile_IsAProblem()
    {
        var result = new ConnectWiseCsvImporter().ReadTimeEntries(new StringReader(""), "te.csv");

        result.Problems.ShouldHaveSingleItem().Reason.ShouldBe("is empty; expected a header row and time entries");
    }

    [Fact]
    public async Task Agreements_ConnectWiseExport_IsRead()
    {
        var result = await new ConnectWiseCsvImporter().ReadAgreementsAsync(Fixtures.FilePath("csv/agreements.csv"), CancellationToken.None);

        result.Problems.ShouldBeEmpty();
        var agreements = result.Value!;
        agreements.Count.ShouldBe(2);
        var acme = agreements[0];
        acme.Id.ShouldBe(101);
        acme.Name.ShouldBe("Acme - Managed Services");
        acme.Company!.Identifier.ShouldBe("ACME");
        acme.Type!.Name.ShouldBe("Managed Services - Block Hours");
        acme.AgreementStatus.ShouldBe("Active");
        acme.StartDate.ShouldBe(Utc(2025, 1, 1, 0, 0));
        acme.EndDate.ShouldBeNull();
        acme.NoEndingDateFlag.ShouldBe(true);
        acme.BillingCycle!.Name.ShouldBe("Monthly");
        acme.BillAmount.ShouldBe(2500.00m);
        acme.ApplicationUnits.ShouldBe("Hours");
        acme.ApplicationLimit.ShouldBe(20m);
        acme.ApplicationCycle.ShouldBe("CalendarMonth");
        acme.AllowOverruns.ShouldBe(true);
        acme.CoverAgreementTime.ShouldBe(true);
        acme.BillTime.ShouldBe("Billable");
        acme.WorkRole!.Name.ShouldBe("Technician");
        agreements[1].EndDate.ShouldBe(Utc(2026, 6, 30, 0, 0));
        agreements[1].BillAmount.ShouldBe(4800.50m);
        agreements[1].WorkType.ShouldBeNull();
    }

    [Fact]
    public void Agreements_BadRows_AreReported_AndNothingIsImported()
    {
        const string Csv = """
            Agreement ID,Agreement Name,Company,Agreement Type,Agreement Status,Start Date,End Date,Application Cycle,Allow Overruns
            101,Acme,Acme Manufacturing,Block,Active,1/1/2025,,CalendarMonth,yes
            102,,Globex,Block,Pending,2025-07-01,2025-01-01,Fortnightly,perhaps
            103,Initech,Initech,,Active,,,,
            """;

        var result = new ConnectWiseCsvImporter().ReadAgreements(new StringReader(Csv), "agreements.csv");

        result.Value.ShouldBeNull();
        result.Problems.ShouldBe(
        [
            new ImportProblem("agreements.csv", 3, "End Date", "is before the start date"),
            new ImportProblem("agreements.csv", 3, "Agreement Name", "is required"),
            new ImportProblem("agreements.csv", 3, "Agreement Status", "\"Pending\" is not one of Active, Cancelled, Expired, Inactive"),
            new ImportProblem("agreements.csv", 3, "Application Cycle", "\"Fortnightly\" is not one of Contract2Weeks, Contract4Weeks, ContractYear, CalendarMonth, CalendarQuarter, CalendarWeek, ContractQuarter, CalendarYear"),
            new ImportProblem("agreements.csv", 3, "Allow Overruns", "\"perhaps\" is not true/false (or yes/no, 1/0)"),
            new ImportProblem("agreements.csv", 4, "Start Date", "is required"),
            new ImportProblem("agreements.csv", 4, "Agreement Type", "is required"),
        ], ignoreOrder: true);
    }
}
