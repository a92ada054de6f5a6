using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

public static partial class ConnectWiseMapper
{
    /// <summary>
    /// One <see cref="PsaRecord"/> per domain object, kinds in dependency order (companies first, invoices last),
    /// each serialized with <see cref="BillingJson"/>. Sub-resources travel inside their agreement's record. Only
    /// agreements know their <c>lastUpdated</c> here; <see cref="ToRecords(BillingSnapshot, ConnectWiseSnapshot)"/>
    /// takes the others' from the records they were mapped from.
    /// </summary>
    public static IReadOnlyList<PsaRecord> ToRecords(BillingSnapshot snapshot) => ToRecords(snapshot, null);

    /// <param name="source">The ConnectWise records <paramref name="snapshot"/> was mapped from, for each record's <c>_info.lastUpdated</c>.</param>
    public static IReadOnlyList<PsaRecord> ToRecords(BillingSnapshot snapshot, ConnectWiseSnapshot? source)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var updated = source is null ? null : LastUpdatedIndex(source);
        DateTimeOffset? At(EntityKind kind, int id) => updated is not null && updated.TryGetValue((kind, id), out var at) ? at : null;

        var records = new List<PsaRecord>();
        records.AddRange(snapshot.Companies.Select(c => ToRecord(c, At(EntityKind.Company, c.Id))));
        records.AddRange(snapshot.Members.Select(m => ToRecord(m, At(EntityKind.Member, m.Id))));
        records.AddRange(snapshot.WorkTypes.Select(w => ToRecord(w, At(EntityKind.WorkType, w.Id))));
        records.AddRange(snapshot.WorkRoles.Select(w => ToRecord(w, At(EntityKind.WorkRole, w.Id))));
        records.AddRange(snapshot.AgreementTypes.Select(t => ToRecord(t, At(EntityKind.AgreementType, t.Id))));
        records.AddRange(snapshot.Agreements.Select(ToRecord));
        records.AddRange(snapshot.Tickets.Select(t => ToRecord(t, At(EntityKind.ServiceTicket, t.Id))));
        records.AddRange(snapshot.TimeEntries.Select(e => ToRecord(e, At(EntityKind.TimeEntry, e.Id))));
        records.AddRange(snapshot.Invoices.Select(i => ToRecord(i, At(EntityKind.Invoice, i.Id))));
        return records;
    }

    /// <summary>A company is filed under its own id, so filtering by company finds it.</summary>
    public static PsaRecord ToRecord(Company company, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Company, company.Id, company.Id, null, lastUpdated, BillingJson.Serialize(company));

    public static PsaRecord ToRecord(Member member, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Member, member.Id, null, null, lastUpdated, BillingJson.Serialize(member));

    public static PsaRecord ToRecord(WorkType workType, DateTimeOffset? lastUpdated) =>
        new(EntityKind.WorkType, workType.Id, null, null, lastUpdated, BillingJson.Serialize(workType));

    public static PsaRecord ToRecord(WorkRole workRole, DateTimeOffset? lastUpdated) =>
        new(EntityKind.WorkRole, workRole.Id, null, null, lastUpdated, BillingJson.Serialize(workRole));

    public static PsaRecord ToRecord(AgreementType type, DateTimeOffset? lastUpdated) =>
        new(EntityKind.AgreementType, type.Id, null, null, lastUpdated, BillingJson.Serialize(type));

    /// <summary>An agreement with its sub-resources, filed under its company and itself, as of its own <c>lastUpdated</c>.</summary>
    public static PsaRecord ToRecord(Agreement agreement) =>
        new(EntityKind.Agreement, agreement.Id, agreement.CompanyId, agreement.Id, agreement.LastUpdated, BillingJson.Serialize(agreement));

    public static PsaRecord ToRecord(ServiceTicket ticket, DateTimeOffset? lastUpdated) =>
        new(EntityKind.ServiceTicket, ticket.Id, ticket.CompanyId, ticket.AgreementId, lastUpdated, BillingJson.Serialize(ticket));

    public static PsaRecord ToRecord(TimeEntry entry, DateTimeOffset? lastUpdated) =>
        new(EntityKind.TimeEntry, entry.Id, entry.CompanyId, entry.AgreementId, lastUpdated, BillingJson.Serialize(entry));

    public static PsaRecord ToRecord(Invoice invoice, DateTimeOffset? lastUpdated) =>
        new(EntityKind.Invoice, invoice.Id, invoice.CompanyId, invoice.AgreementId, lastUpdated, BillingJson.Serialize(invoice));

    private static Dictionary<(EntityKind, int), DateTimeOffset> LastUpdatedIndex(ConnectWiseSnapshot source)
    {
        var index = new Dictionary<(EntityKind, int), DateTimeOffset>();
        void Add(EntityKind kind, IEnumerable<Cw.IConnectWiseRecord> records)
        {
            foreach (var record in records)
            {
                if (record.Info?.LastUpdated is { } at)
                {
                    index.TryAdd((kind, record.Id), at);
                }
            }
        }

        Add(EntityKind.Company, source.Companies);
        Add(EntityKind.Member, source.Members);
        Add(EntityKind.WorkType, source.WorkTypes);
        Add(EntityKind.WorkRole, source.WorkRoles);
        Add(EntityKind.AgreementType, source.AgreementTypes);
        Add(EntityKind.ServiceTicket, source.Tickets);
        Add(EntityKind.TimeEntry, source.TimeEntries);
        Add(EntityKind.Invoice, source.Invoices);
        return index;
    }
}
