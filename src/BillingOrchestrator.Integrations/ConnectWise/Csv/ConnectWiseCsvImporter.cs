using System.Globalization;
using System.Text;
using BillingOrchestrator.Integrations.ConnectWise.Model;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Csv;

/// <summary>
/// Imports time entries and agreements from CSV files as exported from ConnectWise list views, for users without API
/// keys. All or nothing: every row is checked first, and a file with any bad row yields the full problem list
/// (file, spreadsheet row with the header as row 1, column as written in the file, reason) and no data.
/// Headers are matched ignoring case and extra spaces; other columns are ignored. References come back with the
/// names the file gives (<see cref="CwReference.Name"/> or <see cref="CwReference.Identifier"/>) and an id only when
/// a RecID/ID column supplies one.
/// <para>Time entries (required columns marked *):</para>
/// <list type="bullet">
/// <item>* <c>Time Entry ID</c> | <c>Time Entry RecID</c> | <c>Id</c>: positive whole number, unique in the file</item>
/// <item>* at least one of <c>Company</c> | <c>Company Name</c> (name), <c>Company ID</c> (identifier such as ACME), <c>Company RecID</c> (number)</item>
/// <item>* <c>Member</c> | <c>Member ID</c> | <c>Member Identifier</c> (identifier such as jsmith); optional <c>Member Name</c></item>
/// <item>* <c>Billable Option</c> | <c>Billable</c>: Billable, DoNotBill ("Do Not Bill"), NoCharge ("No Charge"), NoDefault</item>
/// <item>* <c>Time Start</c> | <c>Start Time</c> as a full date and time, or <c>Date Start</c> | <c>Date</c> | <c>Date Worked</c> with a time of day in <c>Time Start</c></item>
/// <item><c>Time End</c> | <c>End Time</c> (full, or a time of day on the start date; before the start means the next day)</item>
/// <item><c>Work Type</c>, <c>Work Role</c>, <c>Agreement</c> | <c>Agreement Name</c>, <c>Agreement ID</c> | <c>Agreement RecID</c> (number)</item>
/// <item><c>Actual Hours</c> | <c>Hours Actual</c> | <c>Hours</c>, <c>Billed Hours</c> | <c>Hours Billed</c>, <c>Hourly Rate</c> | <c>Rate</c>,
/// <c>Agreement Hours</c>, <c>Agreement Amount</c>: numbers with a dot for decimals; <c>$</c> and thousands commas are allowed</item>
/// <item><c>Status</c>: a ConnectWise time status such as Open, ReadyToBill ("Ready To Bill"), Billed</item>
/// <item><c>Ticket</c> | <c>Ticket #</c> | <c>Ticket Number</c> | <c>Charge To</c> | <c>Charge To ID</c>: the ticket number (a "#1234" inside text is found);
/// <c>Charge To Type</c>: ServiceTicket (default with a ticket), ProjectTicket, ChargeCode, Activity</item>
/// <item><c>Notes</c>, <c>Internal Notes</c></item>
/// </list>
/// <para>Agreements:</para>
/// <list type="bullet">
/// <item>* <c>Agreement ID</c> | <c>Agreement RecID</c> | <c>Id</c>; * <c>Agreement Name</c> | <c>Name</c> | <c>Agreement</c>;
/// * <c>Agreement Type</c> | <c>Type</c>; * company as for time entries; * <c>Start Date</c></item>
/// <item><c>Agreement Status</c> | <c>Status</c> (Active, Cancelled, Expired, Inactive), <c>End Date</c>, <c>No Ending Date</c>, <c>Cancelled</c></item>
/// <item><c>Billing Cycle</c>, <c>Bill Amount</c>, <c>Application Units</c> (Amount, Hours, Incidents), <c>Application Limit</c>,
/// <c>Application Cycle</c> (CalendarMonth, "Calendar Month", ...), <c>Application Unlimited</c> | <c>Unlimited</c>, <c>Allow Overruns</c>,
/// <c>Carry Over Unused</c>, <c>Cover Agreement Time</c>, <c>Cover Agreement Product</c>, <c>Cover Agreement Expense</c>,
/// <c>Bill Time</c>, <c>Bill Expenses</c>, <c>Bill Products</c>, <c>Work Type</c>, <c>Work Role</c>, <c>Comp Hourly Rate</c>,
/// <c>Parent Agreement</c>, <c>Invoicing Cycle</c>, <c>Last Updated</c> | <c>Date Updated</c> (the import's time when absent)</item>
/// </list>
/// Dates: ISO 8601 (<c>2026-10-01</c>, <c>2026-10-01T09:30:00Z</c>) or US <c>M/d/yyyy</c> with <c>h:mm AM</c> or <c>H:mm</c>;
/// without an offset they are read in the importer's time zone (UTC unless given). Yes/no columns take true/false, yes/no, y/n, 1/0.
/// </summary>
public sealed class ConnectWiseCsvImporter
{
    private readonly TimeZoneInfo timeZone;

    /// <summary>An importer reading times without an offset as UTC.</summary>
    public ConnectWiseCsvImporter()
        : this(TimeZoneInfo.Utc)
    {
    }

    /// <param name="timeZone">The zone the ConnectWise user who exported the file works in; times without an offset are read in it.</param>
    public ConnectWiseCsvImporter(TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        this.timeZone = timeZone;
    }

    public async Task<ImportResult<IReadOnlyList<TimeEntry>>> ReadTimeEntriesAsync(string path, CancellationToken cancellationToken)
    {
        var text = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        return text is null ? Missing<TimeEntry>(path) : ReadTimeEntries(new StringReader(text), Path.GetFileName(path));
    }

    public async Task<ImportResult<IReadOnlyList<Agreement>>> ReadAgreementsAsync(string path, CancellationToken cancellationToken)
    {
        var text = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        return text is null ? Missing<Agreement>(path) : ReadAgreements(new StringReader(text), Path.GetFileName(path));
    }

    /// <param name="fileName">The name problems are reported under.</param>
    public ImportResult<IReadOnlyList<TimeEntry>> ReadTimeEntries(TextReader reader, string fileName)
    {
        const string WhatItIs = "time entries";
        return Import(reader, fileName, WhatItIs, [TimeEntryCsvColumns.Id, TimeEntryCsvColumns.Member, TimeEntryCsvColumns.BillableOption],
            [[TimeEntryCsvColumns.Company, TimeEntryCsvColumns.CompanyIdentifier, TimeEntryCsvColumns.CompanyRecId], [TimeEntryCsvColumns.TimeStart, TimeEntryCsvColumns.DateStart]],
            TimeEntryCsvColumns.Id, ReadTimeEntry);
    }

    /// <param name="fileName">The name problems are reported under.</param>
    public ImportResult<IReadOnlyList<Agreement>> ReadAgreements(TextReader reader, string fileName)
    {
        const string WhatItIs = "agreements";
        return Import(reader, fileName, WhatItIs, [AgreementCsvColumns.Id, AgreementCsvColumns.Name, AgreementCsvColumns.Type, AgreementCsvColumns.StartDate],
            [[AgreementCsvColumns.Company, AgreementCsvColumns.CompanyIdentifier, AgreementCsvColumns.CompanyRecId]],
            AgreementCsvColumns.Id, ReadAgreement);
    }

    private static async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false) : null;
    }

    private static ImportResult<IReadOnlyList<T>> Missing<T>(string path)
        where T : IConnectWiseRecord =>
        ImportResult<IReadOnlyList<T>>.Failure([new ImportProblem(Path.GetFileName(path), 0, "(file)", "does not exist")]);

    private ImportResult<IReadOnlyList<T>> Import<T>(
        TextReader reader,
        string file,
        string whatItIs,
        CsvColumn[] required,
        CsvColumn[][] requiredOneOf,
        CsvColumn idColumn,
        Func<CsvRow, T?> read)
        where T : class, IConnectWiseRecord
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<ImportProblem>();
        var items = new List<T>();
        try
        {
            CsvHeader? header = null;
            var firstRow = new Dictionary<int, int>();
            foreach (var record in CsvParser.Read(reader))
            {
                if (header is null)
                {
                    header = ReadHeader(file, record, whatItIs, required, requiredOneOf, problems);
                    if (problems.Count > 0)
                    {
                        return ImportResult<IReadOnlyList<T>>.Failure(problems);
                    }

                    continue;
                }

                if (record.Fields.Count != header.Count)
                {
                    problems.Add(new ImportProblem(file, record.Row, "(row)", $"has {record.Fields.Count} fields where the header has {header.Count}"));
                    continue;
                }

                var row = new CsvRow(file, record, header, timeZone, problems);
                var before = problems.Count;
                var item = read(row);
                if (item is null || problems.Count > before)
                {
                    continue;
                }

                if (!firstRow.TryAdd(item.Id, record.Row))
                {
                    row.Problem(idColumn, $"{item.Id} appears again (first at row {firstRow[item.Id]})");
                    continue;
                }

                items.Add(item);
            }

            if (header is null)
            {
                problems.Add(new ImportProblem(file, 0, "(file)", $"is empty; expected a header row and {whatItIs}"));
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new ImportProblem(file, ex.Row, "(row)", "is not valid CSV: " + ex.Message));
        }

        return problems.Count > 0 ? ImportResult<IReadOnlyList<T>>.Failure(problems) : ImportResult<IReadOnlyList<T>>.Success(items);
    }

    private static CsvHeader ReadHeader(string file, CsvRecord record, string whatItIs, CsvColumn[] required, CsvColumn[][] requiredOneOf, List<ImportProblem> problems)
    {
        var duplicates = new List<string>();
        var header = new CsvHeader(record.Fields, duplicates);
        foreach (var duplicate in duplicates)
        {
            problems.Add(new ImportProblem(file, record.Row, duplicate, "column appears twice in the header"));
        }

        foreach (var column in required.Where(c => header.IndexOf(c) < 0))
        {
            problems.Add(new ImportProblem(file, record.Row, column.Display, $"column is missing from the {whatItIs} header; accepted names: {column}"));
        }

        foreach (var group in requiredOneOf.Where(g => g.All(c => header.IndexOf(c) < 0)))
        {
            problems.Add(new ImportProblem(file, record.Row, group[0].Display, $"column is missing from the {whatItIs} header; accepted: {string.Join(" or ", group.Select(c => c.ToString()))}"));
        }

        return header;
    }

    private static TimeEntry? ReadTimeEntry(CsvRow row)
    {
        var id = row.Id(TimeEntryCsvColumns.Id, required: true);
        var company = Reference(row, TimeEntryCsvColumns.CompanyRecId, TimeEntryCsvColumns.CompanyIdentifier, TimeEntryCsvColumns.Company);
        if (company is null)
        {
            row.Problem(TimeEntryCsvColumns.Company, "is required (a company name, Company ID or Company RecID)");
        }

        var memberIdentifier = row.RequiredText(TimeEntryCsvColumns.Member);
        var start = row.DateAndTime(TimeEntryCsvColumns.DateStart, TimeEntryCsvColumns.TimeStart, required: true);
        var end = row.DateAndTime(TimeEntryCsvColumns.DateStart, TimeEntryCsvColumns.TimeEnd, required: false);
        // "11:00 PM" to "2:00 AM" on one date start is work past midnight.
        if (start is { } s && end is { } e && e < s && row.IsTimeOfDay(TimeEntryCsvColumns.TimeEnd))
        {
            end = e.AddDays(1);
        }

        if (start is { } from && end is { } to && to < from)
        {
            row.Problem(TimeEntryCsvColumns.TimeEnd, "is before the start");
        }

        var ticket = Ticket(row);
        var chargeToType = row.Choice(TimeEntryCsvColumns.ChargeToType, TimeEntryCsvColumns.ChargeToTypes, required: false) ?? (ticket is null ? null : "ServiceTicket");
        var agreementId = row.Id(TimeEntryCsvColumns.AgreementId, required: false);
        var agreementName = row.Text(TimeEntryCsvColumns.Agreement);
        var entry = new TimeEntry
        {
            Id = id ?? 0,
            Company = company,
            Member = memberIdentifier is null ? null : new CwReference { Identifier = memberIdentifier, Name = row.Text(TimeEntryCsvColumns.MemberName) },
            WorkType = Named(row.Text(TimeEntryCsvColumns.WorkType)),
            WorkRole = Named(row.Text(TimeEntryCsvColumns.WorkRole)),
            Agreement = agreementId is null && agreementName is null ? null : new CwReference { Id = agreementId ?? 0, Name = agreementName },
            BillableOption = row.Choice(TimeEntryCsvColumns.BillableOption, TimeEntryCsvColumns.BillableOptions, required: true),
            TimeStart = start,
            TimeEnd = end,
            ActualHours = row.Decimal(TimeEntryCsvColumns.ActualHours),
            HoursBilled = row.Decimal(TimeEntryCsvColumns.BilledHours),
            HourlyRate = row.Decimal(TimeEntryCsvColumns.HourlyRate),
            AgreementHours = row.Decimal(TimeEntryCsvColumns.AgreementHours),
            AgreementAmount = row.Decimal(TimeEntryCsvColumns.AgreementAmount, allowNegative: true),
            Status = row.Choice(TimeEntryCsvColumns.Status, TimeEntryCsvColumns.Statuses, required: false),
            ChargeToType = chargeToType,
            ChargeToId = ticket,
            Ticket = ticket is { } number && chargeToType is "ServiceTicket" or "ProjectTicket" ? new CwReference { Id = number } : null,
            Notes = row.Text(TimeEntryCsvColumns.Notes),
            InternalNotes = row.Text(TimeEntryCsvColumns.InternalNotes),
        };
        return id is null ? null : entry;
    }

    private static Agreement? ReadAgreement(CsvRow row)
    {
        var id = row.Id(AgreementCsvColumns.Id, required: true);
        var company = Reference(row, AgreementCsvColumns.CompanyRecId, AgreementCsvColumns.CompanyIdentifier, AgreementCsvColumns.Company);
        if (company is null)
        {
            row.Problem(AgreementCsvColumns.Company, "is required (a company name, Company ID or Company RecID)");
        }

        var start = row.DateTime(AgreementCsvColumns.StartDate, required: true);
        var end = row.DateTime(AgreementCsvColumns.EndDate, required: false);
        if (start is { } from && end is { } to && to < from)
        {
            row.Problem(AgreementCsvColumns.EndDate, "is before the start date");
        }

        var agreement = new Agreement
        {
            Id = id ?? 0,
            Name = row.RequiredText(AgreementCsvColumns.Name),
            Type = Named(row.RequiredText(AgreementCsvColumns.Type)),
            Company = company,
            AgreementStatus = row.Choice(AgreementCsvColumns.Status, AgreementCsvColumns.Statuses, required: false),
            StartDate = start,
            EndDate = end,
            NoEndingDateFlag = row.Bool(AgreementCsvColumns.NoEndingDate),
            CancelledFlag = row.Bool(AgreementCsvColumns.Cancelled),
            BillingCycle = Named(row.Text(AgreementCsvColumns.BillingCycle)),
            BillAmount = row.Decimal(AgreementCsvColumns.BillAmount),
            ApplicationUnits = row.Choice(AgreementCsvColumns.ApplicationUnits, AgreementCsvColumns.Units, required: false),
            ApplicationLimit = row.Decimal(AgreementCsvColumns.ApplicationLimit),
            ApplicationCycle = row.Choice(AgreementCsvColumns.ApplicationCycle, AgreementCsvColumns.Cycles, required: false),
            ApplicationUnlimitedFlag = row.Bool(AgreementCsvColumns.Unlimited),
            AllowOverruns = row.Bool(AgreementCsvColumns.AllowOverruns),
            CarryOverUnused = row.Bool(AgreementCsvColumns.CarryOverUnused),
            CoverAgreementTime = row.Bool(AgreementCsvColumns.CoverAgreementTime),
            CoverAgreementProduct = row.Bool(AgreementCsvColumns.CoverAgreementProduct),
            CoverAgreementExpense = row.Bool(AgreementCsvColumns.CoverAgreementExpense),
            BillTime = row.Choice(AgreementCsvColumns.BillTime, AgreementCsvColumns.BillOptions, required: false),
            BillExpenses = row.Choice(AgreementCsvColumns.BillExpenses, AgreementCsvColumns.BillOptions, required: false),
            BillProducts = row.Choice(AgreementCsvColumns.BillProducts, AgreementCsvColumns.BillOptions, required: false),
            WorkType = Named(row.Text(AgreementCsvColumns.WorkType)),
            WorkRole = Named(row.Text(AgreementCsvColumns.WorkRole)),
            CompHourlyRate = row.Decimal(AgreementCsvColumns.CompHourlyRate),
            ParentAgreement = Named(row.Text(AgreementCsvColumns.ParentAgreement)),
            InvoicingCycle = row.Choice(AgreementCsvColumns.InvoicingCycle, AgreementCsvColumns.InvoicingCycles, required: false),
            Info = row.DateTime(AgreementCsvColumns.LastUpdated, required: false) is { } updated ? new CwInfo { LastUpdated = updated } : null,
        };
        return id is null ? null : agreement;
    }

    private static CwReference? Named(string? name) => name is null ? null : new CwReference { Name = name };

    private static CwReference? Reference(CsvRow row, CsvColumn recId, CsvColumn identifier, CsvColumn name)
    {
        var id = row.Id(recId, required: false);
        var code = row.Text(identifier);
        var text = row.Text(name);
        return id is null && code is null && text is null ? null : new CwReference { Id = id ?? 0, Identifier = code, Name = text };
    }

    /// <summary>The ticket number: the whole cell, or the digits after a <c>#</c> ("Service Ticket #1234 - Printer").</summary>
    private static int? Ticket(CsvRow row)
    {
        var text = row.Text(TimeEntryCsvColumns.Ticket);
        if (text is null)
        {
            return null;
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var digits = hash >= 0 ? new string([.. text[(hash + 1)..].TrimStart().TakeWhile(char.IsAsciiDigit)]) : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }

        row.Problem(TimeEntryCsvColumns.Ticket, $"\"{text}\" is not a ticket number");
        return null;
    }
}
