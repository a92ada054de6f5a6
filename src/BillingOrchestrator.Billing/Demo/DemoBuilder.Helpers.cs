using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>Finding untouched records and recording what an injection did.</summary>
internal sealed partial class DemoBuilder
{
    /// <summary>Billable customer time on a ticket, charged beyond its agreement.</summary>
    private bool IsChargeable(int i)
    {
        ref var e = ref _entries[i];
        return e.BillableOption == BillableOption.Billable
            && !e.Covered
            && e.AgreementIndex >= 0
            && e.ChargeToType is ChargeToType.ServiceTicket or ChargeToType.ProjectTicket;
    }

    /// <summary>Billable remote support in business hours on a ticket with other time, safe to move elsewhere.</summary>
    private bool IsMovableRemoteSupport(int i)
    {
        ref var e = ref _entries[i];
        return IsChargeable(i)
            && e.ChargeToType == ChargeToType.ServiceTicket
            && e.WorkTypeId == RemoteSupport
            && BusinessHours.Standard.Contains(e.TimeStart)
            && _tickets[e.ChargeToId - 1].EntryCount >= 2;
    }

    private CodingDecision Decide(int i)
    {
        ref var e = ref _entries[i];
        return _classifier.Decide(e.AgreementIndex >= 0 ? e.AgreementIndex + 1 : null, e.WorkTypeId, e.WorkRoleId, e.ChargeToType, e.TimeStart);
    }

    private BillingRules? RulesOf(int i)
    {
        ref var e = ref _entries[i];
        return e.AgreementIndex < 0 ? null : _classifier.RulesFor(AgreementOf(e.AgreementIndex), DateOf(e.TimeStart));
    }

    /// <summary>The entry's rate had it started in business hours.</summary>
    private Money BusinessRate(int i)
    {
        ref var e = ref _entries[i];
        var rates = RulesOf(i)?.Rates ?? SpecialRates.Standard;
        return rates.HourlyRate(Role(e.WorkRoleId), WorkTypeOf(e.WorkTypeId), afterHours: false);
    }

    private bool TryFindEntry(Func<int, bool> eligible, out int index)
    {
        index = Sample(_entryCount, i => (_entries[i].Marks & EntryMarks.Tainted) == 0 && eligible(i));
        return index >= 0;
    }

    /// <summary>A random untouched entry satisfying <paramref name="eligible"/>.</summary>
    private int FindEntry(string checkId, Func<int, bool> eligible) =>
        TryFindEntry(eligible, out var index) ? index : throw CannotInject(checkId);

    private int PickAgreement(string checkId, Func<int, bool> eligible) =>
        Sample(_agreements.Count, eligible) is var a and >= 0 ? a : throw CannotInject(checkId);

    /// <summary>
    /// A uniformly random index in [0, count) satisfying <paramref name="eligible"/>: random probes first (eligible
    /// records are common and clustered, so scanning from a random start would favour the first after a gap), then
    /// a scan so rare ones are still found. -1 when there is none.
    /// </summary>
    private int Sample(int count, Func<int, bool> eligible)
    {
        for (var attempt = 0; attempt < 4096; attempt++)
        {
            var i = _random.Next(count);
            if (eligible(i))
            {
                return i;
            }
        }

        var start = _random.Next(count);
        for (var k = 0; k < count; k++)
        {
            var i = (start + k) % count;
            if (eligible(i))
            {
                return i;
            }
        }

        return -1;
    }

    private static InvalidOperationException CannotInject(string checkId) =>
        new($"Cannot inject '{checkId}': no suitable record. The demo options are too small for this many cases.");

    private TicketDraft NewTicket(int companyId, int agreementIndex, int kind, DateTimeOffset opened, DateTimeOffset? closed)
    {
        var summaries = Summaries[kind];
        var ticket = new TicketDraft
        {
            Id = _tickets.Count + 1,
            CompanyId = companyId,
            AgreementIndex = agreementIndex,
            KindIndex = kind,
            Summary = summaries[_random.Next(summaries.Length)],
            DateEntered = opened,
            ClosedDate = closed,
        };
        _tickets.Add(ticket);
        return ticket;
    }

    /// <summary>Moves an entry to a new ticket of its own on another agreement, so ticket and entry agree.</summary>
    private void MoveToNewTicket(int i, int agreementIndex)
    {
        ref var e = ref _entries[i];
        var old = _tickets[e.ChargeToId - 1];
        var closed = e.TimeEnd.AddHours(1);
        var ticket = NewTicket(e.CompanyId, agreementIndex, old.KindIndex, e.TimeStart.AddMinutes(-30), closed < PeriodEndInstant ? closed : null);
        ticket.EntryCount = 1;
        ticket.LastEnd = e.TimeEnd;
        old.EntryCount--;
        e.ChargeToId = ticket.Id;
        e.AgreementIndex = agreementIndex;
    }

    private void RecordEntry(string checkId, int i, Money amount, string explanation, params SourceRef[] more)
    {
        ref var e = ref _entries[i];
        e.Marks |= EntryMarks.Tainted;
        Record(checkId, [EntryRef(i), .. more], e.CompanyId, e.AgreementIndex, e.Hours, amount, explanation);
    }

    private string Describe(int i)
    {
        ref var e = ref _entries[i];
        return $"Entry {i + 1} ({e.Hours} of {WorkTypeOf(e.WorkTypeId).Name} by {_members[e.MemberIndex].Identifier} on {e.TimeStart:yyyy-MM-dd HH:mm})";
    }

    private static SourceRef EntryRef(int i) => new(EntityKind.TimeEntry, i + 1);

    private static SourceRef AgreementRef(int a) => new(EntityKind.Agreement, a + 1);

    private static SourceRef TicketRef(TicketDraft ticket) => new(EntityKind.ServiceTicket, ticket.Id);
}
