using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.WriteOffWithoutApproval"/>: customer time coded DoNotBill and written off while its time
/// sheet carries no approval. Internal time (charged to the MSP itself) is not a write-off of revenue.
/// </summary>
public sealed class WriteOffWithoutApprovalCheck() : BillingCheck(
    LeakageChecks.WriteOffWithoutApproval,
    Severity.High,
    SuggestedDisposition.Bill,
    "Customer work was set to Do Not Bill and written off without anyone approving it: revenue was given away with no decision on record. The written-off hours are valued at the rate on the entry.",
    ControlIds.ExceptionApprovals,
    ControlIds.HumanOversight)
{
    internal static bool IsUnapprovedWriteOff(CheckContext context, int i)
    {
        var entry = context.Entries[i];
        return entry.BillableOption == BillableOption.DoNotBill
            && entry.Status == TimeEntryStatus.WrittenOff
            && string.IsNullOrWhiteSpace(entry.ApprovedBy)
            && entry.CompanyId != context.Snapshot.OwnCompanyId;
    }

    public override void Run(CheckContext context, FindingSink sink)
    {
        for (var i = 0; i < context.Entries.Length; i++)
        {
            if (!IsUnapprovedWriteOff(context, i) || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var hours = entry.HoursBilled - entry.AgreementHours;
            var rate = context.BillRate(i);
            ReportEntry(
                context,
                sink,
                i,
                hours,
                rate * hours,
                $"{context.Describe(i)} on {context.AgreementName(context.Facts[i].Agreement)} was written off as Do Not Bill without approval; {hours} billable at {rate}/h.");
        }
    }
}
