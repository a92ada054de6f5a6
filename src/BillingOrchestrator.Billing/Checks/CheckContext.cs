using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// Everything the checks read, indexed once per run: records by id, per-entry facts (agreement, ticket, member, day,
/// rules in force, coverage, coding verdict and rates), entries per technician in time order, and invoice lines per
/// time entry and per addition. Checks scan these arrays instead of re-deriving them, which is what makes all
/// checks together fast. Built over one snapshot and one catalog state; read-only once built, so checks may run on it
/// concurrently.
/// </summary>
public sealed partial class CheckContext
{
    internal const int NoAgreement = -1;
    internal const int UnknownAgreement = -2;
    internal const int NoAgreementScope = 0;
    internal const int UnknownAgreementScope = 1;

    private readonly IdIndex _agreementIds;
    private readonly IdIndex _ticketIds;
    private readonly IdIndex _memberIds;
    private readonly IdIndex _workTypeIds;
    private readonly IdIndex _workRoleIds;
    private readonly IdIndex _companyIds;
    private readonly List<RuleScope> _scopes = [];
    private readonly int[] _agreementFirstScope;
    private readonly int[] _agreementScopeCount;
    private readonly List<Coding.CodingRule> _codingRules = [];
    private readonly Dictionary<RuleKey, int> _ruleIds = [];
    private readonly List<RateFacts> _rateTable = [];
    private readonly Dictionary<RateKey, int> _rateIds = [];
    private readonly Dictionary<SpecialRates, int> _ratesIds = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<int> _holidays;
    private readonly RateShortfall[] _rateShortfalls;

    public CheckContext(BillingSnapshot snapshot, AgreementCatalog catalog, CodingStandard standard, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(standard);
        Snapshot = snapshot;
        Catalog = catalog;
        Options = options ?? ValidationOptions.Default;
        Classifier = new TimeEntryClassifier(standard, snapshot, catalog);
        Entries = AsArray(snapshot.TimeEntries);
        Agreements = AsArray(snapshot.Agreements);
        Tickets = AsArray(snapshot.Tickets);
        Members = AsArray(snapshot.Members);
        Invoices = AsArray(snapshot.Invoices);
        WorkTypes = AsArray(snapshot.WorkTypes);
        WorkRoles = AsArray(snapshot.WorkRoles);
        _agreementIds = IdIndex.Build(Agreements, a => a.Id);
        _ticketIds = IdIndex.Build(Tickets, t => t.Id);
        _memberIds = IdIndex.Build(Members, m => m.Id);
        _workTypeIds = IdIndex.Build(WorkTypes, w => w.Id);
        _workRoleIds = IdIndex.Build(WorkRoles, r => r.Id);
        _companyIds = IdIndex.Build(snapshot.Companies, c => c.Id);
        _workingDays = [.. Options.WorkingDays];
        _holidays = [.. Options.Holidays.Select(d => d.DayNumber)];
        PeriodStartDay = snapshot.PeriodStart.DayNumber;
        PeriodEndDay = snapshot.PeriodEnd.DayNumber;

        _agreementFirstScope = new int[Agreements.Length];
        _agreementScopeCount = new int[Agreements.Length];
        BuildScopes();

        Facts = new EntryFacts[Entries.Length];
        TicketHasTime = new bool[Tickets.Length];
        AgreementEntryCount = new int[Agreements.Length];
        PeriodDays = Math.Max(0, PeriodEndDay - PeriodStartDay + 1);
        MemberDayHours = new decimal[Members.Length * PeriodDays];
        BuildFacts();
        (ByMember, MemberFirst, ByMemberStart, ByMemberEnd) = SortByMember();
        BuildInvoiceIndexes();
        _rateShortfalls = new RateShortfall[Entries.Length];
        for (var i = 0; i < Entries.Length; i++)
        {
            _rateShortfalls[i] = RateShortfalls.Of(this, i);
        }
    }

    public BillingSnapshot Snapshot { get; }

    public AgreementCatalog Catalog { get; }

    public ValidationOptions Options { get; }

    /// <summary>The coding standard's classifier over this snapshot and catalog. Not thread-safe: checks read the entry facts instead.</summary>
    public TimeEntryClassifier Classifier { get; }

    public CodingStandard Standard => Classifier.Standard;

    internal TimeEntry[] Entries { get; }

    internal Agreement[] Agreements { get; }

    internal ServiceTicket[] Tickets { get; }

    internal Member[] Members { get; }

    internal Invoice[] Invoices { get; }

    internal WorkType[] WorkTypes { get; }

    internal WorkRole[] WorkRoles { get; }

    internal EntryFacts[] Facts { get; }

    /// <summary>The coding rules that decided entries, by <see cref="EntryFacts.Rule"/>.</summary>
    internal IReadOnlyList<Coding.CodingRule> CodingRules => _codingRules;

    /// <summary>Rates in force, by <see cref="EntryFacts.Rates"/>.</summary>
    internal IReadOnlyList<RateFacts> RateTable => _rateTable;

    internal IReadOnlyList<RuleScope> Scopes => _scopes;

    /// <summary>Whether any entry is charged to the ticket at this position.</summary>
    internal bool[] TicketHasTime { get; }

    /// <summary>How many entries name the agreement at this position.</summary>
    internal int[] AgreementEntryCount { get; }

    /// <summary>Entry positions grouped by member position, each group in (start, id) order; entries of unknown members last.</summary>
    internal int[] ByMember { get; }

    /// <summary>Where each member's group starts in <see cref="ByMember"/>; one extra slot for unknown members, one for the end.</summary>
    internal int[] MemberFirst { get; }

    /// <summary><c>timeStart</c> (UTC ticks) of the entry at each position of <see cref="ByMember"/>.</summary>
    internal long[] ByMemberStart { get; }

    /// <summary><c>timeEnd</c> (UTC ticks) of the entry at each position of <see cref="ByMember"/>.</summary>
    internal long[] ByMemberEnd { get; }

    /// <summary>Days in the period.</summary>
    internal int PeriodDays { get; }

    /// <summary>Actual hours logged per member position and day of the period: [member * <see cref="PeriodDays"/> + day - start].</summary>
    internal decimal[] MemberDayHours { get; }

    internal int PeriodStartDay { get; }

    /// <summary>Day number of the period's last day (inclusive).</summary>
    internal int PeriodEndDay { get; }

    internal int FindAgreement(int id) => _agreementIds.Find(id);

    internal int FindTicket(int id) => _ticketIds.Find(id);

    internal int FindMember(int id) => _memberIds.Find(id);

    internal WorkType? WorkTypeById(int id) => _workTypeIds.Find(id) is var i and >= 0 ? WorkTypes[i] : null;

    internal WorkRole? WorkRoleById(int id) => _workRoleIds.Find(id) is var i and >= 0 ? WorkRoles[i] : null;

    /// <summary>The coding standard's rule for the entry.</summary>
    internal Coding.CodingRule RuleOf(int entry) => _codingRules[Facts[entry].Rule];

    /// <summary>The rates in force for the entry; null when its work type or role is not in the snapshot.</summary>
    internal RateFacts? RatesOf(int entry) => Facts[entry].Rates >= 0 ? _rateTable[Facts[entry].Rates] : null;

    internal RuleScope ScopeOf(int entry) => _scopes[Facts[entry].Scope];

    /// <summary>Whether technicians are scheduled to work on this day.</summary>
    internal bool IsWorkingDay(int dayNumber) =>
        _workingDays.Contains(DateOnly.FromDayNumber(dayNumber).DayOfWeek) && !_holidays.Contains(dayNumber);

    /// <summary>Every rule scope of an agreement position, in time order.</summary>
    internal IEnumerable<RuleScope> ScopesOf(int agreement)
    {
        for (var s = _agreementFirstScope[agreement]; s < _agreementFirstScope[agreement] + _agreementScopeCount[agreement]; s++)
        {
            yield return _scopes[s];
        }
    }

    /// <summary>The rule scope of an agreement position (or <see cref="NoAgreement"/>) on a day.</summary>
    internal int ScopeAt(int agreement, int day)
    {
        if (agreement < 0)
        {
            return agreement == NoAgreement ? NoAgreementScope : UnknownAgreementScope;
        }

        var first = _agreementFirstScope[agreement];
        var last = first + _agreementScopeCount[agreement] - 1;
        for (var s = first; s < last; s++)
        {
            if (day < _scopes[s].ToDay)
            {
                return s;
            }
        }

        return last;
    }

    /// <summary>The cheapest rate any active role bills at under a scope's rates: unlogged work is valued at least at this.</summary>
    internal Money LowestRoleRate(RuleScope scope)
    {
        Money? lowest = null;
        foreach (var role in WorkRoles)
        {
            if (!role.InactiveFlag && scope.Rates.RoleRate(role) is var rate && (lowest is null || rate < lowest.Value))
            {
                lowest = rate;
            }
        }

        return (lowest ?? Money.Zero).RoundToCents();
    }

    /// <summary>
    /// The rate hours of the entry are billed at: the rate ConnectWise put on the entry from its agreement and work
    /// role, or, when the entry carries none, the rate the catalog has in force for it.
    /// </summary>
    internal Money BillRate(int entry)
    {
        var rate = Entries[entry].HourlyRate;
        if (rate > Money.Zero)
        {
            return rate;
        }

        return RatesOf(entry)?.Rate ?? Money.Zero;
    }

    /// <summary>The entry's service line: its ticket's board.</summary>
    internal string? ServiceLineOf(int entry) => Facts[entry].Ticket is var t and >= 0 ? Tickets[t].Board : null;

    /// <summary>The snapshot's list itself when it is an array (never written to here), else a copy.</summary>
    private static T[] AsArray<T>(IReadOnlyList<T> list) => list as T[] ?? [.. list];

    internal static SourceRef EntryRef(TimeEntry entry) => new(EntityKind.TimeEntry, entry.Id);

    internal string Describe(int entry)
    {
        var e = Entries[entry];
        var member = Facts[entry].Member is var m and >= 0 ? Members[m].Identifier : $"member {e.MemberId}";
        var workType = WorkTypeById(e.WorkTypeId)?.Name ?? $"work type {e.WorkTypeId}";
        return $"Entry {e.Id} ({e.HoursBilled} of {workType} by {member} on {e.TimeStart.UtcDateTime:yyyy-MM-dd HH:mm})";
    }

    /// <summary>Why each entry is billed below its rate, worked out once per run for the three rate checks.</summary>
    internal RateShortfall RateShortfallOf(int entry) => _rateShortfalls[entry];

    internal string CompanyName(int companyId) =>
        _companyIds.Find(companyId) is var c and >= 0 ? Snapshot.Companies[c].Name : $"company {companyId}";

    /// <summary>How the agreement at a position (or none) would cover the entry's work on its date. Uses no cache, so checks may call it concurrently.</summary>
    internal CoverageFact CoverageUnder(int agreement, int entry)
    {
        if (agreement < 0)
        {
            return agreement == NoAgreement ? CoverageFact.NoAgreement : CoverageFact.UnknownAgreement;
        }

        var day = Facts[entry].Day;
        var scope = _scopes[ScopeAt(agreement, day)];
        var date = DateOnly.FromDayNumber(day);
        return !scope.CoversTime ? CoverageFact.NotCovering
            : !Agreements[agreement].IsInTerm(date) ? CoverageFact.OutOfTerm
            : WorkCoverage(scope, Entries[entry].WorkTypeId, Entries[entry].WorkRoleId, date);
    }

    internal string AgreementName(int agreement) => agreement >= 0 ? Agreements[agreement].Name : "an unknown agreement";

    /// <summary>Everything the coding standard looks at: agreement type (or none, or unknown), work, charge type, time of day, coverage.</summary>
    private readonly record struct RuleKey(int AgreementType, int WorkTypeId, int WorkRoleId, ChargeToType ChargeTo, bool AfterHours, Coverage Coverage);

    private readonly record struct RateKey(int RatesId, int WorkTypeId, int WorkRoleId, bool AfterHours);
}
