namespace BillingOrchestrator.Billing.Checks;

/// <summary><see cref="LeakageChecks.ClosedTicketWithoutTime"/>: a customer ticket closed in the period with no time logged against it.</summary>
public sealed class ClosedTicketWithoutTimeCheck() : BillingCheck(
    LeakageChecks.ClosedTicketWithoutTime,
    Severity.Medium,
    SuggestedDisposition.FixInPsa,
    "A ticket was closed in the period with no time logged: the work was done but never recorded, so it can be neither billed nor counted against the agreement. It is valued at least at the configured hours per ticket at the lowest role rate the agreement's rules allow.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var hours = new Hours(context.Options.MissingTimeHoursPerTicket);
        for (var t = 0; t < context.Tickets.Length; t++)
        {
            var ticket = context.Tickets[t];
            if (!ticket.ClosedFlag || context.TicketHasTime[t] || ticket.CompanyId == context.Snapshot.OwnCompanyId)
            {
                continue;
            }

            var closed = ticket.ClosedDate ?? ticket.DateEntered;
            var day = DateOnly.FromDateTime(closed.UtcDateTime).DayNumber;
            if (day < context.PeriodStartDay || day > context.PeriodEndDay || !sink.Includes(ticket.CompanyId, ticket.AgreementId))
            {
                continue;
            }

            var agreement = ticket.AgreementId is { } id ? (context.FindAgreement(id) is var a and >= 0 ? a : CheckContext.UnknownAgreement) : CheckContext.NoAgreement;
            var scope = context.Scopes[context.ScopeAt(agreement, day)];
            var rate = context.LowestRoleRate(scope);
            var under = agreement >= 0 ? $"under {context.Agreements[agreement].Name}" : "without an agreement";
            Report(
                sink,
                ticket.CompanyId,
                ticket.AgreementId,
                ticket.Board,
                [new SourceRef(EntityKind.ServiceTicket, ticket.Id)],
                [],
                hours,
                rate * hours,
                $"Ticket {ticket.Id} '{ticket.Summary}' ({ticket.Board}) was closed on {closed.UtcDateTime:yyyy-MM-dd} with no time logged; at least {hours} at {rate}/h {under}.");
        }
    }
}
