namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.AgreementActivityWithoutTime"/>: an agreement no time entry names although tickets on it
/// were open during the period. Tickets closed in the period without time are left to
/// <see cref="ClosedTicketWithoutTimeCheck"/>.
/// </summary>
public sealed class AgreementActivityWithoutTimeCheck() : BillingCheck(
    LeakageChecks.AgreementActivityWithoutTime,
    Severity.Medium,
    SuggestedDisposition.FixInPsa,
    "An agreement had tickets open during the period but not a single time entry: either the work is not being logged or it is being logged somewhere else. Each ticket is valued at least at the configured hours at the lowest role rate the agreement's rules allow.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        Dictionary<int, List<int>>? idle = null;
        for (var t = 0; t < context.Tickets.Length; t++)
        {
            var ticket = context.Tickets[t];
            if (ticket.AgreementId is not { } id || context.FindAgreement(id) is not (var a and >= 0) || context.AgreementEntryCount[a] > 0)
            {
                continue;
            }

            var opened = DateOnly.FromDateTime(ticket.DateEntered.UtcDateTime).DayNumber;
            int? closed = ticket.ClosedFlag ? DateOnly.FromDateTime((ticket.ClosedDate ?? ticket.DateEntered).UtcDateTime).DayNumber : null;
            var activeInPeriod = opened <= context.PeriodEndDay && (closed is null || closed >= context.PeriodStartDay);
            var closedWithoutTime = closed is { } c && c >= context.PeriodStartDay && c <= context.PeriodEndDay && !context.TicketHasTime[t];
            if (activeInPeriod && !closedWithoutTime)
            {
                idle ??= [];
                if (!idle.TryGetValue(a, out var list))
                {
                    idle[a] = list = [];
                }

                list.Add(t);
            }
        }

        if (idle is null)
        {
            return;
        }

        foreach (var (a, tickets) in idle.OrderBy(p => p.Key))
        {
            var agreement = context.Agreements[a];
            if (!sink.Includes(agreement.CompanyId, agreement.Id))
            {
                continue;
            }

            var scope = context.Scopes[context.ScopeAt(a, context.PeriodEndDay)];
            var rate = context.LowestRoleRate(scope);
            var hours = new Hours(context.Options.MissingTimeHoursPerTicket * tickets.Count);
            var records = new List<SourceRef>(tickets.Count + 1) { new(EntityKind.Agreement, agreement.Id) };
            var board = context.Tickets[tickets[0]].Board;
            foreach (var t in tickets)
            {
                records.Add(new SourceRef(EntityKind.ServiceTicket, context.Tickets[t].Id));
                board = context.Tickets[t].Board == board ? board : null;
            }

            Report(
                sink,
                agreement.CompanyId,
                agreement.Id,
                board,
                records,
                [],
                hours,
                rate * hours,
                $"{agreement.Name} has {tickets.Count} ticket(s) open in the period ({string.Join(", ", tickets.Select(t => context.Tickets[t].Id))}) but no time at all; at least {hours} at {rate}/h is unlogged.");
        }
    }
}
