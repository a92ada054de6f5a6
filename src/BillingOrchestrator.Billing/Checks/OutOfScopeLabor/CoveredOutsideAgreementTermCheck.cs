using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.CoveredOutsideAgreementTerm"/>: hours applied to an Active agreement that covers time, on a
/// date before it starts or after it ends (ConnectWise applies time when it is entered, so back-dated work lands here).
/// </summary>
public sealed class CoveredOutsideAgreementTermCheck() : BillingCheck(
    LeakageChecks.CoveredOutsideAgreementTerm,
    Severity.High,
    SuggestedDisposition.Bill,
    "Work done outside the agreement's term (before it started or after it ended) was absorbed by the agreement. The customer did not pay for coverage then, so the hours should be billed at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Covered) == 0 || facts[i].Coverage != CoverageFact.OutOfTerm
                || context.Agreements[facts[i].Agreement].AgreementStatus != AgreementStatus.Active || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var agreement = context.Agreements[facts[i].Agreement];
            var rate = context.BillRate(i);
            var term = agreement.NoEndingDateFlag || agreement.EndDate is null
                ? $"from {agreement.StartDate:yyyy-MM-dd}"
                : $"from {agreement.StartDate:yyyy-MM-dd} to {agreement.EndDate:yyyy-MM-dd}";
            ReportEntry(
                context,
                sink,
                i,
                entry.AgreementHours,
                rate * entry.AgreementHours,
                $"{context.Describe(i)} was applied to {agreement.Name}, whose term runs {term}; bill {entry.AgreementHours} at {rate}/h.");
        }
    }
}
