using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;

namespace BillingOrchestrator.Billing.Tests.Validation;

/// <summary>
/// How findings are matched to the demo's ground truth. A case is found when a finding of its check shares one of
/// its records; for a case that names specific records (entries, tickets, invoices, additions) the shared record must
/// be one of those, not just the agreement. A finding is explained when it finds some case, or when it is about a
/// record some case names (one record can legitimately trip more than one check, see <see cref="LeakageChecks"/>).
/// </summary>
internal static class GroundTruthMatch
{
    public static bool Finds(Finding finding, LeakageCase c) =>
        finding.CheckId == c.CheckId && Specific(c).Any(finding.Records.Contains);

    public static bool IsExplained(Finding finding, IReadOnlyList<LeakageCase> cases, HashSet<SourceRef> specificRecords) =>
        cases.Any(c => Finds(finding, c)) || finding.Records.Any(r => r.Kind != EntityKind.Agreement && r.Kind != EntityKind.Member && specificRecords.Contains(r));

    public static HashSet<SourceRef> SpecificRecords(IEnumerable<LeakageCase> cases) =>
        [.. cases.SelectMany(c => c.Records).Where(r => r.Kind is not (EntityKind.Agreement or EntityKind.Member or EntityKind.Invoice))];

    private static IEnumerable<SourceRef> Specific(LeakageCase c) =>
        c.Records.Any(r => r.Kind != EntityKind.Agreement) ? c.Records.Where(r => r.Kind != EntityKind.Agreement) : c.Records;
}
