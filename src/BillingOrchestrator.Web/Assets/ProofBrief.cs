using System.Globalization;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// The proof brief: that the controls operate. The audit chain's verification, then per control the approved gates whose
/// evidence carries it (approver and time) and the evidence items with their SHA-256 in the content-addressed store.
/// </summary>
public static class ProofBrief
{
    /// <summary>Per control, the most recent gates and evidence items shown; the counts are always complete.</summary>
    public const int GatesPerControl = 15;

    public const int ItemsPerControl = 25;

    public static ReportDocument For(IReadOnlyList<ControlStatus> controls, ControlEvidence evidence, AuditVerification audit, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(audit);
        var chain = audit.Intact
            ? $"Intact: all {Count(audit.EntriesChecked)} entries of the hash-chained audit log verified from the genesis hash on {Time(generatedAt)}."
            : $"BROKEN at entry {audit.FirstBrokenSequence}: {audit.Reason}. {Count(audit.EntriesChecked)} entries verified before it.";
        chain += $" Head {audit.Head}; latest {audit.LastSeal?.ToString() ?? "seal: none yet"}.";
        var sections = new List<ReportSection>
        {
            new("Audit chain verification", chain),
            new(
                "Controls at a glance",
                $"A control is {ControlRegister.Operating} with evidence in the last {ControlRegister.FreshFor.TotalDays:0} days.",
                Table: new ReportTable(
                    [new("Control", 2.4), new("Owner roles", 1.8), new("Gates", 0.8, true), new("Items", 0.8, true), new("Last evidence", 1.3), new("Status", 1)],
                    [.. controls.Select(c => new ReportRow([c.Control, string.Join(", ", c.OwnerRoles), Count(c.GatesApproved), Count(c.EvidenceCount), c.LastEvidenceAt is { } at ? Time(at) : "none", c.Status]))])),
        };
        foreach (var control in controls)
        {
            var gates = evidence.Gates.Where(g => g.Evidence.Any(e => e.Controls.Contains(control.Control))).ToList();
            var items = evidence.Items.Where(e => e.Controls.Contains(control.Control)).ToList();
            sections.Add(new ReportSection(
                $"{control.Control}: gates approved",
                $"{control.Practice} {Showing(gates.Count, GatesPerControl, "gate")}",
                Table: new ReportTable(
                    [new("Gate, approver and time, instance")],
                    [.. gates.TakeLast(GatesPerControl).Select(g => new ReportRow([$"{g.Task.Title}: approved by {g.Task.CompletedBy} on {(g.Task.CompletedAt is { } at ? Time(at) : "")}, instance {g.Task.InstanceId}"]))])));
            sections.Add(new ReportSection(
                $"{control.Control}: evidence",
                Showing(items.Count, ItemsPerControl, "evidence item"),
                Table: new ReportTable(
                    [new("Evidence", 2.0), new("SHA-256 (or note/link)", 4.9)],
                    [.. items.TakeLast(ItemsPerControl).Select(e => new ReportRow([$"{e.Name} ({e.CreatedBy}, {Time(e.CreatedAt)})", e.Sha256 ?? $"{e.Kind.ToString().ToLowerInvariant()}: {e.Url ?? e.Note}"]))])));
        }

        return new ReportDocument
        {
            Eyebrow = "IMPLEMENTATION ASSET · PROOF BRIEF",
            Title = "Proof that the billing controls operate",
            Subtitle = "Approved quality gates, their approvers and evidence hashes, per PSF and PAI-8 control",
            GeneratedAt = generatedAt,
            Footer = "BillingOrchestrator · proof brief",
            KeyFigures =
            [
                new("Gates approved", Count(evidence.Gates.Count)),
                new("Evidence items", Count(evidence.Items.Count)),
                new("Audit chain", audit.Intact ? "intact" : "BROKEN"),
                new("Entries verified", Count(audit.EntriesChecked)),
            ],
            Sections = sections,
        };
    }

    private static string Showing(int total, int limit, string what) =>
        total <= limit ? $"{total} {what}(s)." : $"The latest {limit} of {total} {what}s.";

    private static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => BriefText.Time(at);
}
