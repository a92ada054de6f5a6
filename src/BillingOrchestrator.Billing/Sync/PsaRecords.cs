using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Sync;

/// <summary>
/// Turns domain objects into storable <see cref="PsaRecord"/>s, one per ConnectWise record, each serialized with
/// <see cref="BillingJson"/> and filed under the company and agreement it is filtered by. Sub-resources travel inside
/// their agreement's record.
/// </summary>
public static class PsaRecords
{
    /// <summary>
    /// Every record of <paramref name="snapshot"/>, kinds in dependency order (companies first, invoices last). Agreements
    /// carry their own <c>lastUpdated</c>; <paramref name="lastUpdated"/> supplies the others' when the caller knows them.
    /// </summary>
    public static IReadOnlyList<PsaRecord> From(BillingSnapshot snapshot, Func<EntityKind, int, DateTimeOffset?>? lastUpdated = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        DateTimeOffset? At(EntityKind kind, int id) => lastUpdated?.Invoke(kind, id);
        var records = new List<PsaRecord>(snapshot.TimeEntries.Count + snapshot.Tickets.Count + snapshot.Agreements.Count + 1_000);
        records.AddRange(snapshot.Companies.Select(c => For(c, At(EntityKind.Company, c.Id))));
        records.AddRange(snapshot.Members.Select(m => For(m, At(EntityKind.Member, m.Id))));
        records.AddRange(snapshot.WorkTypes.Select(w => For(w, At(EntityKind.WorkType, w.Id))));
        records.AddRange(snapshot.WorkRoles.Select(w => For(w, At(EntityKind.WorkRole, w.Id))));
        records.AddRange(snapshot.AgreementTypes.Select(t => For(t, At(EntityKind.AgreementType, t.Id))));
        records.AddRange(snapshot.Agreements.Select(For));
        records.AddRange(snapshot.Tickets.Select(t => For(t, At(EntityKind.ServiceTicket, t.Id))));
        records.AddRange(snapshot.TimeEntries.Select(e => For(e, At(EntityKind.TimeEntry, e.Id))));
        records.AddRange(snapshot.Invoices.Select(i => For(i, At(EntityKind.Invoice, i.Id))));
        return records;
    }

    /// <summary>A company is filed under its own id, so filtering by company finds it.</summary>
    public static PsaRecord For(Company company, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Company, company.Id, company.Id, null, lastUpdated, BillingJson.Serialize(company));

    public static PsaRecord For(Member member, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Member, member.Id, null, null, lastUpdated, BillingJson.Serialize(member));

    public static PsaRecord For(WorkType workType, DateTimeOffset? lastUpdated) =>
        new(EntityKind.WorkType, workType.Id, null, null, lastUpdated, BillingJson.Serialize(workType));

    public static PsaRecord For(WorkRole workRole, DateTimeOffset? lastUpdated) =>
        new(EntityKind.WorkRole, workRole.Id, null, null, lastUpdated, BillingJson.Serialize(workRole));

    public static PsaRecord For(AgreementType type, DateTimeOffset? lastUpdated) =>
        new(EntityKind.AgreementType, type.Id, null, null, lastUpdated, BillingJson.Serialize(type));

    /// <summary>An agreement with its sub-resources, filed under its company and itself, as of its own <c>lastUpdated</c>.</summary>
    public static PsaRecord For(Agreement agreement) =>
        new(EntityKind.Agreement, agreement.Id, agreement.CompanyId, agreement.Id, agreement.LastUpdated, BillingJson.Serialize(agreement));

    public static PsaRecord For(ServiceTicket ticket, DateTimeOffset? lastUpdated) =>
        new(EntityKind.ServiceTicket, ticket.Id, ticket.CompanyId, ticket.AgreementId, lastUpdated, BillingJson.Serialize(ticket));

    public static PsaRecord For(TimeEntry entry, DateTimeOffset? lastUpdated) =>
        new(EntityKind.TimeEntry, entry.Id, entry.CompanyId, entry.AgreementId, lastUpdated, BillingJson.Serialize(entry));

    public static PsaRecord For(Invoice invoice, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Invoice, invoice.Id, invoice.CompanyId, invoice.AgreementId, lastUpdated, BillingJson.Serialize(invoice));
}
