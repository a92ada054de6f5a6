using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Integrations.Import;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

/// <summary>
/// ConnectWise API records (<c>ConnectWise.Model</c>) to the Billing domain. Each <c>Map...</c> method maps one record and
/// returns null when anything is wrong with it, having added every <see cref="ImportProblem"/> it found to
/// <c>problems</c> under <c>file</c> and <c>row</c>: an export file and its 1-based row, or an API endpoint and the
/// record's id. Nothing throws on bad data and nothing is defaulted silently: a member the domain requires that is
/// missing, or an enum value it does not know, is a problem. Members the domain leaves optional keep the domain's
/// default when ConnectWise leaves them out (flags false, totals zero). Money and hours stay exact decimals.
/// </summary>
public static partial class ConnectWiseMapper
{
    /// <summary>The longest entry whose end is worked out from its hours when ConnectWise leaves <c>timeEnd</c> out.</summary>
    private const decimal MaxHoursWithoutEnd = 24m;

    public static Company? MapCompany(Cw.Company source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var company = new Company
        {
            Id = read.Id(source.Id),
            Identifier = read.Text(source.Identifier, "identifier"),
            Name = read.Text(source.Name, "name"),
        };
        return read.Failed ? null : company;
    }

    public static Member? MapMember(Cw.Member source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var member = new Member
        {
            Id = read.Id(source.Id),
            Identifier = read.Text(source.Identifier, "identifier"),
            FirstName = read.Text(source.FirstName, "firstName"),
            LastName = read.Text(source.LastName, "lastName"),
            DefaultRoleId = read.Reference(source.DefaultRole, "defaultRole"),
            DailyCapacity = read.Hours(source.DailyCapacity, "dailyCapacity"),
            HourlyCost = read.Money(source.HourlyCost, "hourlyCost"),
            InactiveFlag = source.InactiveFlag ?? false,
        };
        return read.Failed ? null : member;
    }

    public static WorkType? MapWorkType(Cw.WorkType source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var workType = new WorkType
        {
            Id = read.Id(source.Id),
            Name = read.Text(source.Name, "name"),
            BillTime = read.Enum<BillableOption>(source.BillTime, "billTime"),
            Rate = read.Required(source.Rate, "rate"),
            RateType = read.Enum<RateType>(source.RateType, "rateType"),

            // 1 is both ConnectWise's default and the domain's: the member's cost unchanged.
            CostMultiplier = source.CostMultiplier ?? 1m,
            InactiveFlag = source.InactiveFlag ?? false,
        };
        return read.Failed ? null : workType;
    }

    public static WorkRole? MapWorkRole(Cw.WorkRole source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var workRole = new WorkRole
        {
            Id = read.Id(source.Id),
            Name = read.Text(source.Name, "name"),
            HourlyRate = read.Money(source.HourlyRate, "hourlyRate"),
            InactiveFlag = source.InactiveFlag ?? false,
        };
        return read.Failed ? null : workRole;
    }

    public static AgreementType? MapAgreementType(Cw.AgreementType source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var type = new AgreementType
        {
            Id = read.Id(source.Id),
            Name = read.Text(source.Name, "name"),
            InactiveFlag = source.InactiveFlag ?? false,
        };
        return read.Failed ? null : type;
    }

    /// <summary>A service ticket; its <c>board</c> name is the service line, its <c>_info.dateEntered</c> when it was opened.</summary>
    public static ServiceTicket? MapTicket(Cw.Ticket source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var ticket = new ServiceTicket
        {
            Id = read.Id(source.Id),
            Summary = read.Text(source.Summary, "summary"),
            Board = read.ReferenceName(source.Board, "board"),
            CompanyId = read.Reference(source.Company, "company"),
            AgreementId = read.OptionalReference(source.Agreement, "agreement"),
            Status = read.ReferenceName(source.Status, "status"),
            ClosedFlag = source.ClosedFlag ?? false,
            ClosedDate = source.ClosedDate,
            DateEntered = read.Required(source.Info?.DateEntered, "_info.dateEntered"),
        };
        return read.Failed ? null : ticket;
    }

    /// <summary>
    /// A time entry, its company, member, work type, work role, agreement and invoice by id. An entry without
    /// <c>timeEnd</c> ends <c>actualHours</c> after <c>timeStart</c> (ConnectWise keeps the two consistent); an entry
    /// charged to a ticket without <c>chargeToId</c> takes the ticket's id.
    /// </summary>
    public static TimeEntry? MapTimeEntry(Cw.TimeEntry source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var chargeToType = read.Enum<ChargeToType>(source.ChargeToType, "chargeToType");
        var start = read.Required(source.TimeStart, "timeStart");
        var actualHours = read.Hours(source.ActualHours, "actualHours");
        var end = source.TimeEnd ?? EndOf(start, actualHours, read);
        if (end < start)
        {
            read.Problem("timeEnd", "is before timeStart");
        }

        var chargeToId = source.ChargeToId;
        if (chargeToId is null && chargeToType is ChargeToType.ServiceTicket or ChargeToType.ProjectTicket)
        {
            chargeToId = read.OptionalReference(source.Ticket, "ticket");
        }

        var entry = new TimeEntry
        {
            Id = read.Id(source.Id),
            CompanyId = read.Reference(source.Company, "company"),
            ChargeToType = chargeToType,
            ChargeToId = chargeToId,
            MemberId = read.Reference(source.Member, "member"),
            WorkTypeId = read.Reference(source.WorkType, "workType"),
            WorkRoleId = read.Reference(source.WorkRole, "workRole"),
            AgreementId = read.OptionalReference(source.Agreement, "agreement"),
            TimeStart = start,
            TimeEnd = end,
            ActualHours = actualHours,
            HoursBilled = read.Hours(source.HoursBilled, "hoursBilled"),
            AgreementHours = source.AgreementHours is { } applied ? read.Hours(applied, "agreementHours") : default,
            BillableOption = read.Enum<BillableOption>(source.BillableOption, "billableOption"),
            HourlyRate = read.Money(source.HourlyRate, "hourlyRate"),
            Status = read.Enum<TimeEntryStatus>(source.Status, "status"),
            InvoiceId = read.OptionalReference(source.Invoice, "invoice"),
            Notes = source.Notes,
            DateEntered = read.Required(source.DateEntered ?? source.Info?.DateEntered, "dateEntered"),
        };
        return read.Failed ? null : entry;
    }

    private static DateTimeOffset EndOf(DateTimeOffset start, Hours actualHours, FieldReader read)
    {
        if (actualHours.Value is < 0 or > MaxHoursWithoutEnd)
        {
            read.Problem("timeEnd", $"is required when actualHours is not between 0 and {MaxHoursWithoutEnd}");
            return start;
        }

        return start.AddTicks((long)(actualHours.Value * TimeSpan.TicksPerHour));
    }

    /// <summary>An invoice with its totals. <c>/finance/invoices</c> carries no lines, so <see cref="Invoice.Lines"/> stays empty.</summary>
    public static Invoice? MapInvoice(Cw.Invoice source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var invoice = new Invoice
        {
            Id = read.Id(source.Id),
            InvoiceNumber = read.Text(source.InvoiceNumber, "invoiceNumber"),
            Type = read.Enum<InvoiceType>(source.Type, "type"),
            ApplyToType = read.Enum<ApplyToType>(source.ApplyToType, "applyToType"),
            ApplyToId = source.ApplyToId,
            CompanyId = read.Reference(source.Company, "company"),
            AgreementId = read.OptionalReference(source.Agreement, "agreement"),
            Date = read.Date(source.Date, "date"),
            ServiceTotal = new(source.ServiceTotal ?? 0m),
            ProductTotal = new(source.ProductTotal ?? 0m),
            AgreementAmount = new(source.AgreementAmount ?? 0m),
            Subtotal = read.Money(source.Subtotal, "subtotal"),
            Total = read.Money(source.Total, "total"),
        };
        return read.Failed ? null : invoice;
    }
}
