using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.ReadyToBillStale"/>: chargeable time ReadyToBill for more than the configured number of
/// days at period end, with no invoice on the entry and no invoice line billing it.
/// </summary>
public sealed class ReadyToBillStaleCheck() : BillingCheck(
    LeakageChecks.ReadyToBillStale,
    Severity.Medium,
    SuggestedDisposition.Bill,
    "Billable time has been approved and ready to bill for longer than the configured limit but is on no invoice: the longer it waits, the less likely it is ever billed or paid.",
    ControlIds.FinancialTelemetry)
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        var staleAfter = context.Options.StaleAfterDays;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Chargeable) == 0 || context.PeriodEndDay - facts[i].Day <= staleAfter)
            {
                continue;
            }

            var entry = context.Entries[i];
            if (entry.Status != TimeEntryStatus.ReadyToBill || entry.InvoiceId is not null || context.EntryFirstLine[i].Invoice >= 0 || !InScope(context, sink, i))
            {
                continue;
            }

            var rate = context.BillRate(i);
            ReportEntry(
                context,
                sink,
                i,
                entry.ChargeableHours,
                rate * entry.ChargeableHours,
                $"{context.Describe(i)} has been ready to bill for {context.PeriodEndDay - facts[i].Day} days at period end (limit {staleAfter}) and is on no invoice; {entry.ChargeableHours} at {rate}/h.");
        }
    }
}
