using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.CodingStandardMismatch"/>: an entry coded against the coding standard: the wrong billable
/// option, hours applied to the agreement for in-scope work the standard bills, work billed that an unlimited
/// agreement covers, or an agreement the snapshot does not know. Covered work outside the agreement's scope is left
/// to the out-of-scope checks and unapproved write-offs to <see cref="WriteOffWithoutApprovalCheck"/>, so one
/// problem is reported (and its money counted) once.
/// </summary>
public sealed class CodingStandardMismatchCheck() : BillingCheck(
    LeakageChecks.CodingStandardMismatch,
    Severity.Medium,
    SuggestedDisposition.Reclassify,
    "A time entry is coded differently from the approved coding standard (covered where it should be billed, no charge where it should be billable, or the reverse). Hours the standard bills but the entry does not are valued at the rate on the entry.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        var reasons = new List<string>(3);
        for (var i = 0; i < facts.Length; i++)
        {
            var entry = context.Entries[i];
            var rule = context.RuleOf(i);
            var covered = (facts[i].Flags & EntryFlags.Covered) != 0;
            var optionWrong = entry.BillableOption != rule.BillableOption;
            var coveredAgainstStandard = covered && rule.Classification != EntryClassification.Covered && facts[i].Coverage == CoverageFact.InScope;
            var billedThoughUnlimited = rule.Classification == EntryClassification.Covered && !covered
                && entry.BillableOption == BillableOption.Billable && context.ScopeOf(i).Rules?.Included.IsUnlimited == true;
            var unknownAgreement = facts[i].Agreement == CheckContext.UnknownAgreement;
            if (!(optionWrong || coveredAgainstStandard || billedThoughUnlimited || unknownAgreement)
                || WriteOffWithoutApprovalCheck.IsUnapprovedWriteOff(context, i)
                || !InScope(context, sink, i))
            {
                continue;
            }

            reasons.Clear();
            if (optionWrong)
            {
                reasons.Add($"coded {entry.BillableOption} where rule '{rule.Id}' says {rule.BillableOption}");
            }

            if (coveredAgainstStandard)
            {
                reasons.Add($"{entry.AgreementHours} applied to the agreement where rule '{rule.Id}' classifies the work {rule.Classification}");
            }

            if (billedThoughUnlimited)
            {
                reasons.Add($"billed although rule '{rule.Id}' has the unlimited agreement cover it");
            }

            if (unknownAgreement)
            {
                reasons.Add($"agreement {entry.AgreementId} is not in the snapshot");
            }

            var lost = Unbilled(context, i, rule);
            var rate = context.BillRate(i);
            ReportEntry(
                context,
                sink,
                i,
                entry.HoursBilled,
                rate * lost,
                $"{context.Describe(i)}: {string.Join("; ", reasons)}{(lost > Hours.Zero ? $"; {lost} unbilled at {rate}/h" : "")}.");
        }
    }

    /// <summary>Hours the standard charges to the customer that the entry does not, less hours other checks already claim.</summary>
    private static Hours Unbilled(CheckContext context, int i, CodingRule rule)
    {
        if (rule.BillableOption != BillableOption.Billable || rule.Classification is not (EntryClassification.Billable or EntryClassification.Excluded))
        {
            return Hours.Zero;
        }

        var entry = context.Entries[i];
        var claimed = (context.Facts[i].Flags & EntryFlags.Covered) != 0 && context.Facts[i].Coverage != CoverageFact.InScope ? entry.AgreementHours : Hours.Zero;
        return Hours.Max(Hours.Zero, entry.HoursBilled - entry.ChargeableHours - claimed);
    }
}
