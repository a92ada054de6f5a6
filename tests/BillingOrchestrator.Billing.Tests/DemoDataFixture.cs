using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests;

/// <summary>The default demo data set, generated once, with lookups the tests share.</summary>
public sealed class DemoDataFixture
{
    public DemoDataFixture()
    {
        Data = DemoDataGenerator.Generate(DemoDataOptions.Default);
        var snapshot = Data.Snapshot;
        Entries = snapshot.TimeEntries.ToDictionary(e => e.Id);
        Tickets = snapshot.Tickets.ToDictionary(t => t.Id);
        Agreements = snapshot.Agreements.ToDictionary(a => a.Id);
        Invoices = snapshot.Invoices.ToDictionary(i => i.Id);
        Members = snapshot.Members.ToDictionary(m => m.Id);
        EntriesByTicket = snapshot.TimeEntries.Where(e => e.TicketId is not null).ToLookup(e => e.TicketId!.Value);
        Classifier = new TimeEntryClassifier(Data.CodingStandard, snapshot, Data.Catalog);
        TruthRecords = [.. Data.GroundTruth.Cases.SelectMany(c => c.Records)];
    }

    public DemoDataSet Data { get; }

    public IReadOnlyDictionary<int, TimeEntry> Entries { get; }

    public IReadOnlyDictionary<int, ServiceTicket> Tickets { get; }

    public IReadOnlyDictionary<int, Agreement> Agreements { get; }

    public IReadOnlyDictionary<int, Invoice> Invoices { get; }

    public IReadOnlyDictionary<int, Member> Members { get; }

    public ILookup<int, TimeEntry> EntriesByTicket { get; }

    public TimeEntryClassifier Classifier { get; }

    /// <summary>Every record some injected case names.</summary>
    public HashSet<SourceRef> TruthRecords { get; }

    public bool InTruth(EntityKind kind, int id) => TruthRecords.Contains(new SourceRef(kind, id));

    public WorkRole Role(int id) => Data.Snapshot.WorkRoles.Single(r => r.Id == id);

    public WorkType WorkType(int id) => Data.Snapshot.WorkTypes.Single(w => w.Id == id);

    public BillingRules Rules(TimeEntry entry) =>
        Data.Catalog.Resolve(Agreements[entry.AgreementId!.Value], DateOnly.FromDateTime(entry.TimeStart.UtcDateTime))!;

    /// <summary>The rate the catalog requires for the entry.</summary>
    public Money ExpectedRate(TimeEntry entry) =>
        Rules(entry).Rates.HourlyRate(Role(entry.WorkRoleId), WorkType(entry.WorkTypeId), entry.TimeStart);
}
