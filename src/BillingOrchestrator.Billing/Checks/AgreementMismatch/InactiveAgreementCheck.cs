using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Billing.Checks;

/// <summary><see cref="LeakageChecks.InactiveAgreement"/>: an entry charged to a Cancelled, Expired or Inactive agreement.</summary>
public sealed class InactiveAgreementCheck() : BillingCheck(
    LeakageChecks.InactiveAgreement,
    Severity.High,
    SuggestedDisposition.Reclassify,
    "Time was charged to an agreement that is cancelled, expired or inactive: the customer no longer pays for it, so anything it absorbed goes unbilled. Hours it absorbed are valued at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if (facts[i].Agreement < 0 || context.Agreements[facts[i].Agreement].AgreementStatus == AgreementStatus.Active || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var agreement = context.Agreements[facts[i].Agreement];
            var rate = context.BillRate(i);
            ReportEntry(
                context,
                sink,
                i,
                entry.HoursBilled,
                rate * entry.AgreementHours,
                $"{context.Describe(i)} was charged to {agreement.Name}, which is {agreement.AgreementStatus}; {entry.AgreementHours} absorbed at {rate}/h.",
                new SourceRef(EntityKind.Agreement, agreement.Id));
        }
    }
}
