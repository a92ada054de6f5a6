using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// One generation run. All randomness comes from one <see cref="Random"/> seeded from the options and is drawn in a
/// fixed order, so a seed always yields the same bytes. Ids are positions: company, member, agreement and entry
/// id = index + 1. Steps: reference data and agreements with their catalog, time and tickets, leakage that
/// invoicing must see, invoicing, then leakage that lives on invoices.
/// </summary>
internal sealed partial class DemoBuilder
{
    private const int OwnCompany = 0;

    private readonly DemoDataOptions _options;
    private readonly Random _random;
    private readonly DateOnly _periodStart;
    private readonly DateOnly _periodEnd;
    private readonly DateOnly[] _monthStarts;
    private readonly AgreementCatalog _catalog = new();
    private readonly CodingStandard _standard;
    private readonly List<Company> _companies;
    private readonly List<Member> _members;
    private readonly List<Agreement> _agreements;
    private readonly List<TicketDraft> _tickets;
    private readonly List<Invoice> _invoices = [];
    private readonly List<LeakageCase> _cases = [];
    private readonly HashSet<int> _taintedAgreements = [];
    private readonly HashSet<int> _reservedAgreements = [];
    private EntryDraft[] _entries;
    private int _entryCount;
    private TimeEntryClassifier _classifier = null!;
    private int _nextAdditionId = 1;

    public DemoBuilder(DemoDataOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _periodEnd = options.PeriodEnd;
        _periodStart = new DateOnly(_periodEnd.Year, _periodEnd.Month, 1).AddMonths(1 - options.Months);
        _monthStarts = new DateOnly[options.Months + 1];
        for (var m = 0; m <= options.Months; m++)
        {
            _monthStarts[m] = _periodStart.AddMonths(m);
        }

        _standard = DefaultCodingStandards.Create(_periodStart.AddYears(-1), Cfo);
        _companies = new List<Company>(options.Companies + 1);
        _members = new List<Member>(options.Technicians);
        _agreements = new List<Agreement>(options.Agreements);
        _tickets = new List<TicketDraft>(options.TargetTimeEntries / 2);
        _entries = new EntryDraft[options.TargetTimeEntries + (options.TargetTimeEntries / 10)];
    }

    private int LastMonth => _options.Months - 1;

    private DateTimeOffset PeriodEndInstant => At(_periodEnd.AddDays(1), 0);

    public DemoDataSet Build()
    {
        BuildCompaniesAndMembers();
        BuildAgreementsAndCatalog();
        _classifier = new TimeEntryClassifier(_standard, Snapshot([], [], []), _catalog);
        PlanMissingTime();
        GenerateTime();
        CloseTickets();
        InjectBeforeInvoicing();
        BuildInvoices();
        InjectIntoInvoices();
        return Materialize();
    }

    private static DateTimeOffset At(DateOnly day, int minutes) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(minutes);

    private static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    private int MonthIndex(DateOnly date) => ((date.Year - _periodStart.Year) * 12) + date.Month - _periodStart.Month;

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private ref EntryDraft Entry(int index) => ref _entries[index];

    private Agreement AgreementOf(int index) => _agreements[index];

    private WorkRole Role(int id) => WorkRoles[id - 1];

    private WorkType WorkTypeOf(int id) => WorkTypes[id - 1];

    private int AddEntry(in EntryDraft draft)
    {
        if (_entryCount == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length + (_entries.Length / 4));
        }

        _entries[_entryCount] = draft;
        return _entryCount++;
    }

    private void Record(string checkId, IReadOnlyList<SourceRef> records, int companyId, int agreementIndex, Hours hours, Money amount, string explanation) =>
        _cases.Add(new LeakageCase
        {
            Kind = LeakageChecks.All[checkId],
            CheckId = checkId,
            Records = records,
            CompanyId = companyId,
            AgreementId = agreementIndex >= 0 ? agreementIndex + 1 : null,
            Hours = hours,
            AmountAtRisk = amount.RoundToCents(),
            Explanation = explanation,
        });

    private BillingSnapshot Snapshot(IReadOnlyList<ServiceTicket> tickets, IReadOnlyList<TimeEntry> entries, IReadOnlyList<Invoice> invoices) => new()
    {
        OwnCompanyId = OwnCompany + 1,
        PeriodStart = _periodStart,
        PeriodEnd = _periodEnd,
        Companies = _companies,
        Members = _members,
        WorkTypes = WorkTypes,
        WorkRoles = WorkRoles,
        AgreementTypes = AgreementTypes,
        Agreements = _agreements,
        Tickets = tickets,
        TimeEntries = entries,
        Invoices = invoices,
    };

    private DemoDataSet Materialize()
    {
        var entries = new TimeEntry[_entryCount];
        for (var i = 0; i < _entryCount; i++)
        {
            ref var e = ref _entries[i];
            var hours = e.Hours;
            entries[i] = new TimeEntry
            {
                Id = i + 1,
                CompanyId = e.CompanyId,
                ChargeToType = e.ChargeToType,
                ChargeToId = e.ChargeToId,
                MemberId = e.MemberIndex + 1,
                WorkTypeId = e.WorkTypeId,
                WorkRoleId = e.WorkRoleId,
                AgreementId = e.AgreementIndex >= 0 ? e.AgreementIndex + 1 : null,
                TimeStart = e.TimeStart,
                TimeEnd = e.TimeEnd,
                ActualHours = hours,
                HoursBilled = hours,
                AgreementHours = e.Covered ? hours : Hours.Zero,
                BillableOption = e.BillableOption,
                HourlyRate = e.HourlyRate,
                Status = e.Status,
                InvoiceId = e.InvoiceId > 0 ? e.InvoiceId : null,
                ApprovedBy = e.Approved ? ServiceManager : null,
                Notes = DemoReference.Notes[e.WorkTypeId - 1],
                DateEntered = e.TimeEnd.AddMinutes(e.DateEnteredDelayMinutes),
            };
        }

        var tickets = new ServiceTicket[_tickets.Count];
        for (var i = 0; i < tickets.Length; i++)
        {
            var t = _tickets[i];
            tickets[i] = new ServiceTicket
            {
                Id = t.Id,
                Summary = t.Summary,
                Board = Boards[Kinds[t.KindIndex].Board],
                CompanyId = t.CompanyId,
                AgreementId = t.AgreementIndex >= 0 ? t.AgreementIndex + 1 : null,
                Status = t.ClosedDate is null ? "In Progress" : "Closed",
                ClosedFlag = t.ClosedDate is not null,
                ClosedDate = t.ClosedDate,
                DateEntered = t.DateEntered,
            };
        }

        var truth = new GroundTruth
        {
            Seed = _options.Seed,
            PeriodStart = _periodStart,
            PeriodEnd = _periodEnd,
            StaleAfterDays = _options.StaleAfterDays,
            Cases = _cases,
        };
        return new DemoDataSet(Snapshot(tickets, entries, _invoices), _catalog, _standard, truth);
    }
}
