namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// The rate checks: each reports the chargeable entries whose shortfall against the rate in force is of its kind
/// (<see cref="RateShortfalls"/>); the difference times the chargeable hours is at risk.
/// </summary>
public abstract class RateCheck : BillingCheck
{
    private readonly RateShortfall _kind;

    private protected RateCheck(string id, RateShortfall kind, string explanation)
        : base(id, Severity.Medium, SuggestedDisposition.Bill, explanation)
    {
        _kind = kind;
    }

    public override void Run(CheckContext context, FindingSink sink)
    {
        var facts = context.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if ((facts[i].Flags & EntryFlags.Chargeable) == 0 || context.RateShortfallOf(i) != _kind || !InScope(context, sink, i))
            {
                continue;
            }

            var entry = context.Entries[i];
            var expected = context.RatesOf(i)!.Rate;
            var label = context.ScopeOf(i).Rules?.VersionLabel ?? "standard rates, no catalog rules";
            ReportEntry(
                context,
                sink,
                i,
                entry.ChargeableHours,
                (expected - entry.HourlyRate) * entry.ChargeableHours,
                $"{context.Describe(i)} {Why(context, i)} and was billed at {entry.HourlyRate}/h instead of {expected}/h ({label}).");
        }
    }

    /// <summary>What about the entry calls for the rate it should have had.</summary>
    private protected abstract string Why(CheckContext context, int entry);
}
