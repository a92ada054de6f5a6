namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.TicketAgreementMismatch"/>: an entry whose agreement differs from its ticket's. Money is at
/// risk when the entry's agreement absorbed hours the ticket's agreement would not have covered.
/// </summary>
public sealed class TicketAgreementMismatchCheck() : BillingCheck(
    LeakageChecks.TicketAgreementMismatch,
    Severity.Medium,
    SuggestedDisposition.Reclassify,
    "A time entry was charged to a different agreement than its ticket. When that agreement absorbed work the ticket's agreement would have billed, the hours are valued at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.TicketMismatch) == 0 || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var ticket = context.Tickets[facts[i].Ticket];
            var ticketAgreement = ticket.AgreementId is { } id ? (context.FindAgreement(id) is var a and >= 0 ? a : CheckContext.UnknownAgreement) : CheckContext.NoAgreement;
            var absorbed = (facts[i].Flags & EntryFlags.Covered) != 0 && context.CoverageUnder(ticketAgreement, i) != CoverageFact.InScope
                ? entry.AgreementHours
                : Hours.Zero;
            var rate = context.BillRate(i);
            var ticketSide = ticketAgreement >= 0 ? context.Agreements[ticketAgreement].Name : ticket.AgreementId is null ? "no agreement" : $"agreement {ticket.AgreementId}";
            var consequence = absorbed > Hours.Zero ? $"{absorbed} absorbed that the ticket's agreement bills at {rate}/h" : "no hours absorbed that the ticket's agreement would bill";
            ReportEntry(
                context,
                sink,
                i,
                entry.HoursBilled,
                rate * absorbed,
                $"{context.Describe(i)} on ticket {ticket.Id} ({ticketSide}) was charged to {(facts[i].Agreement >= 0 ? context.Agreements[facts[i].Agreement].Name : entry.AgreementId is null ? "no agreement" : $"agreement {entry.AgreementId}")}; {consequence}.",
                new SourceRef(EntityKind.ServiceTicket, ticket.Id));
        }
    }
}
