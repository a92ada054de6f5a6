using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing.Sync;

/// <summary>Turns a snapshot's domain objects into storable <see cref="PsaRecord"/>s, one per ConnectWise record.</summary>
public static class PsaRecords
{
    public static IReadOnlyList<PsaRecord> From(BillingSnapshot snapshot)
    {
        var records = new List<PsaRecord>(snapshot.TimeEntries.Count + snapshot.Tickets.Count + snapshot.Agreements.Count + 1_000);
        records.AddRange(snapshot.Companies.Select(c => Record(EntityKind.Company, c.Id, c.Id, null, null, c)));
        records.AddRange(snapshot.Members.Select(m => Record(EntityKind.Member, m.Id, null, null, null, m)));
        records.AddRange(snapshot.WorkTypes.Select(w => Record(EntityKind.WorkType, w.Id, null, null, null, w)));
        records.AddRange(snapshot.WorkRoles.Select(w => Record(EntityKind.WorkRole, w.Id, null, null, null, w)));
        records.AddRange(snapshot.AgreementTypes.Select(t => Record(EntityKind.AgreementType, t.Id, null, null, null, t)));
        records.AddRange(snapshot.Agreements.Select(a => Record(EntityKind.Agreement, a.Id, a.CompanyId, a.Id, a.LastUpdated, a)));
        records.AddRange(snapshot.Tickets.Select(t => Record(EntityKind.ServiceTicket, t.Id, t.CompanyId, t.AgreementId, null, t)));
        records.AddRange(snapshot.TimeEntries.Select(e => Record(EntityKind.TimeEntry, e.Id, e.CompanyId, e.AgreementId, null, e)));
        records.AddRange(snapshot.Invoices.Select(i => Record(EntityKind.Invoice, i.Id, i.CompanyId, i.AgreementId, null, i)));
        return records;
    }

    public static PsaRecord Record<T>(EntityKind kind, int id, int? companyId, int? agreementId, DateTimeOffset? lastUpdated, T value) =>
        new(kind, id, companyId, agreementId, lastUpdated, BillingJson.Serialize(value));
}
