using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Validation;

/// <summary>
/// A hand-built tenant for one check: <see cref="TestWorld"/>'s reference data and catalog, September 2026 as the
/// period, technician 7 (help desk, 8 h a day), customer 2 with agreement 10 and ticket 500 on it.
/// </summary>
internal sealed class CheckWorld
{
    public const int Customer = 2, OtherCustomer = 3, Agreement = 10, Ticket = 500, Technician = 7;

    public List<Agreement> Agreements { get; } = [new AgreementBuilder().Build()];

    public List<ServiceTicket> Tickets { get; } = [NewTicket(Ticket)];

    public List<TimeEntry> Entries { get; } = [];

    public List<Invoice> Invoices { get; } = [];

    public List<Member> Members { get; } =
    [
        new() { Id = Technician, Identifier = "jdoe", FirstName = "Jo", LastName = "Doe", DefaultRoleId = TestWorld.HelpDesk, DailyCapacity = new Hours(8m), HourlyCost = new Money(40m) },
    ];

    public AgreementCatalog Catalog { get; } = TestWorld.NewCatalog();

    public ValidationOptions Options { get; set; } = ValidationOptions.Default;

    public static ServiceTicket NewTicket(int id, int? agreementId = Agreement, bool closed = false) => new()
    {
        Id = id,
        Summary = "Printer offline",
        Board = "Help Desk",
        CompanyId = Customer,
        AgreementId = agreementId,
        Status = closed ? "Closed" : "In Progress",
        ClosedFlag = closed,
        ClosedDate = closed ? new DateTimeOffset(2026, 9, 10, 16, 0, 0, TimeSpan.Zero) : null,
        DateEntered = new DateTimeOffset(2026, 9, 8, 9, 0, 0, TimeSpan.Zero),
    };

    /// <summary>An entry built from <see cref="TimeEntryBuilder"/>'s defaults (one billable help-desk hour on agreement 10, ticket 500).</summary>
    public static TimeEntry Entry(int id, Func<TimeEntryBuilder, TimeEntryBuilder>? build = null) =>
        (build ?? (b => b))(new TimeEntryBuilder()).Build() with { Id = id, MemberId = Technician };

    /// <summary>The entry lasting <paramref name="hours"/>, all of them billed (and applied, when it was covered).</summary>
    public static TimeEntry Lasting(TimeEntry entry, decimal hours) => entry with
    {
        TimeEnd = entry.TimeStart.AddMinutes((double)(hours * 60m)),
        ActualHours = new Hours(hours),
        HoursBilled = new Hours(hours),
        AgreementHours = entry.AgreementHours > Hours.Zero ? new Hours(hours) : Hours.Zero,
    };

    /// <summary>Replaces agreement 10.</summary>
    public CheckWorld WithAgreement(Func<AgreementBuilder, AgreementBuilder> build)
    {
        Agreements[0] = build(new AgreementBuilder()).Build();
        return this;
    }

    public CheckWorld Add(params TimeEntry[] entries)
    {
        Entries.AddRange(entries);
        return this;
    }

    public BillingSnapshot Snapshot => TestWorld.Snapshot([.. Agreements]) with
    {
        Companies =
        [
            new Company { Id = 1, Identifier = "MSP", Name = "The MSP" },
            new Company { Id = Customer, Identifier = "Acme", Name = "Acme Dental" },
            new Company { Id = OtherCustomer, Identifier = "Globex", Name = "Globex" },
        ],
        Members = Members,
        Tickets = Tickets,
        TimeEntries = Entries,
        Invoices = Invoices,
    };

    /// <summary>Runs one check over the world.</summary>
    public IReadOnlyList<Finding> Run(string checkId) =>
        Validator.RunChecks(new CheckContext(Snapshot, Catalog, Standard, Options), [BillingChecks.Find(checkId)!]);

    public static CodingStandard Standard { get; } = DefaultCodingStandards.Create(new DateOnly(2025, 1, 1));

    /// <summary>An agreement invoice for agreement 10 dated <paramref name="date"/> with the given lines.</summary>
    public static Invoice AgreementInvoice(int id, DateOnly date, params InvoiceLine[] lines)
    {
        var total = lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        return new Invoice
        {
            Id = id,
            InvoiceNumber = $"INV-{id}",
            Type = InvoiceType.Agreement,
            ApplyToType = ApplyToType.Agreement,
            ApplyToId = Agreement,
            CompanyId = Customer,
            AgreementId = Agreement,
            Date = date,
            AgreementAmount = total,
            Subtotal = total,
            Total = total,
            Lines = lines,
        };
    }

    public static Invoice TimeInvoice(int id, DateOnly date, InvoiceType type, params InvoiceLine[] lines)
    {
        var total = lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        return new Invoice
        {
            Id = id,
            InvoiceNumber = $"INV-{id}",
            Type = type,
            ApplyToType = ApplyToType.All,
            CompanyId = Customer,
            Date = date,
            ServiceTotal = total,
            Subtotal = total,
            Total = total,
            Lines = lines,
        };
    }

    public static InvoiceLine Line(EntityKind kind, int id, decimal amount, decimal quantity = 1m) => new()
    {
        Source = new SourceRef(kind, id),
        Description = $"{kind} {id}",
        Quantity = quantity,
        UnitPrice = new Money(amount / quantity),
        Amount = new Money(amount),
    };
}
