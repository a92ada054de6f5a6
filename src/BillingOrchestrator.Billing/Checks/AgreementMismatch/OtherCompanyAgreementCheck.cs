namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.OtherCompanyAgreement"/>: an entry charged to an agreement of another company. The money
/// at risk is what that agreement absorbed: the customer who had the work done never pays for it.
/// </summary>
public sealed class OtherCompanyAgreementCheck() : BillingCheck(
    LeakageChecks.OtherCompanyAgreement,
    Severity.High,
    SuggestedDisposition.Reclassify,
    "Time for one customer was charged to another customer's agreement: the customer who had the work done is not billed for it, and the other customer's allowance is used up. Hours the wrong agreement absorbed are valued at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.OtherCompany) == 0 || !InScope(context, sink, i))
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
                $"{context.Describe(i)} for {context.CompanyName(entry.CompanyId)} was charged to {agreement.Name} of {context.CompanyName(agreement.CompanyId)}; {entry.AgreementHours} absorbed at {rate}/h.",
                new SourceRef(EntityKind.Agreement, agreement.Id));
        }
    }
}
