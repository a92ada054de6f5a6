namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.CoveredOnAgreementWithoutTimeCoverage"/>: hours applied to an agreement whose rules (or,
/// outside the catalog, whose <c>coverAgreementTime</c>) say it does not cover time, such as time and materials.
/// </summary>
public sealed class CoveredOnAgreementWithoutTimeCoverageCheck() : BillingCheck(
    LeakageChecks.CoveredOnAgreementWithoutTimeCoverage,
    Severity.High,
    SuggestedDisposition.Bill,
    "Time was absorbed by an agreement that does not cover time at all (time and materials, say): every hour of it should have been billed at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Covered) == 0 || facts[i].Coverage != CoverageFact.NotCovering || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var rate = context.BillRate(i);
            ReportEntry(
                context,
                sink,
                i,
                entry.AgreementHours,
                rate * entry.AgreementHours,
                $"{context.Describe(i)} was applied to {context.AgreementName(facts[i].Agreement)}, which does not cover time; bill {entry.AgreementHours} at {rate}/h.");
        }
    }
}
