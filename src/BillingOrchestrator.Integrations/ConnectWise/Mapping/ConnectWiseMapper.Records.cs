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
        return PsaRecords.From(snapshot, (kind, id) => updated is not null && updated.TryGetValue((kind, id), out var at) ? at : null);
    }

    /// <summary>An agreement with its sub-resources, as of its own <c>lastUpdated</c> (see <see cref="PsaRecords"/>).</summary>
    public static PsaRecord ToRecord(Agreement agreement) => PsaRecords.For(agreement);

    public static PsaRecord ToRecord(Company company, DateTimeOffset? lastUpdated) => PsaRecords.For(company, lastUpdated);

    public static PsaRecord ToRecord(Member member, DateTimeOffset? lastUpdated) => PsaRecords.For(member, lastUpdated);

    public static PsaRecord ToRecord(WorkType workType, DateTimeOffset? lastUpdated) => PsaRecords.For(workType, lastUpdated);

    public static PsaRecord ToRecord(WorkRole workRole, DateTimeOffset? lastUpdated) => PsaRecords.For(workRole, lastUpdated);

    public static PsaRecord ToRecord(AgreementType type, DateTimeOffset? lastUpdated) => PsaRecords.For(type, lastUpdated);

    public static PsaRecord ToRecord(ServiceTicket ticket, DateTimeOffset? lastUpdated) => PsaRecords.For(ticket, lastUpdated);

    public static PsaRecord ToRecord(TimeEntry entry, DateTimeOffset? lastUpdated) => PsaRecords.For(entry, lastUpdated);

    public static PsaRecord ToRecord(Invoice invoice, DateTimeOffset? lastUpdated) => PsaRecords.For(invoice, lastUpdated);

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
