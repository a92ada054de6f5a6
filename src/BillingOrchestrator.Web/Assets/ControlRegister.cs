using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// The playbook's risks and the controls it maps them to (PSF D2/D4/D6, PAI-8 C2/C4/C6), each with its owner roles from
/// the runbook's steps and what the evidence store holds for it: how many items, the last one, and the approved gates
/// whose evidence carries it.
/// </summary>
public sealed class ControlRegister(BillingDbContext db, TimeProvider time)
{
    /// <summary>Evidence older than this (a monthly cycle plus slack) leaves a control stale.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromDays(35);

    public const string Operating = "operating";
    public const string Stale = "stale";
    public const string NoEvidence = "no evidence";

    private static readonly IReadOnlyDictionary<string, (string Risk, string Practice)> Playbook = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [EvidenceControls.OutputValidation] = ("Bad or incomplete input data creates incorrect automations.", "Enforce mandatory intake fields and validation rules before execution (catalog completeness, coding classification, pre-invoice checks)."),
        [EvidenceControls.Observability] = ("Missing observability makes failures invisible until damage occurs.", "Track KPI and exception dashboards weekly with named owners."),
        [EvidenceControls.HumanOversight] = ("Unreviewed auto-generated outputs can trigger customer-facing errors.", "Require human approval on high-risk outputs and policy exceptions: every step closes at a gate approved by a second person."),
        [EvidenceControls.BillingValidation] = ("Agreement billing leaks margin when contract scope, time entry and invoice rules are misaligned.", "Run pre-invoice validation for missing time, out-of-scope labour, agreement mismatch and duplicate charges."),
        [EvidenceControls.FinancialTelemetry] = ("Unbilled labour, write-offs and overrun go unseen between invoice runs.", "Publish the weekly leakage dashboard and the KPI series against the week-1 baseline."),
        [EvidenceControls.ExceptionApprovals] = ("Write-offs and policy exceptions are made without approval.", "A documented disposition for every exception, two-person approval above the materiality threshold, monthly control sampling."),
    };

    public async Task<ControlEvidence> LoadEvidenceAsync(CancellationToken cancellationToken)
    {
        var items = await db.Set<EvidenceItem>().AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var gates = await db.Set<UserTask>().AsNoTracking()
            .Where(t => t.Kind == UserTaskKinds.QualityGate && t.Status == UserTaskStatus.Completed && t.Outcome == QualityGateActivity.Approved)
            .ToListAsync(cancellationToken);
        var byGate = items.Where(e => e.GateId is not null).ToLookup(e => (e.InstanceId, e.GateId!));
        var approved = gates
            .OrderBy(g => g.CompletedAt).ThenBy(g => g.Id)
            .Select(g => new ApprovedGate(g, [.. byGate[(g.InstanceId, g.ActivityId)]]))
            .ToList();
        return new ControlEvidence(items, approved);
    }

    public IReadOnlyList<ControlStatus> Build(Runbook runbook, ControlEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(evidence);
        var now = time.GetUtcNow();
        return [.. EvidenceControls.All.Select(control =>
        {
            var steps = runbook.Steps.Where(s => s.Controls.Contains(control)).ToList();
            var owners = control == EvidenceControls.HumanOversight
                ? steps.Select(s => s.Gate?.ApproverRole).OfType<string>()
                : steps.Select(s => s.OwnerRole);
            var items = evidence.Items.Where(e => e.Controls.Contains(control)).ToList();
            DateTimeOffset? last = items.Count == 0 ? null : items.Max(e => e.CreatedAt);
            var status = last is not { } at ? NoEvidence : now - at <= FreshFor ? Operating : Stale;
            var (risk, practice) = Playbook[control];
            return new ControlStatus(
                control,
                control.StartsWith("PSF", StringComparison.Ordinal) ? "PSF" : "PAI-8",
                risk,
                practice,
                [.. owners.Distinct(StringComparer.Ordinal)],
                [.. steps.Select(s => s.Number)],
                items.Count,
                last,
                evidence.Gates.Count(g => g.Evidence.Any(e => e.Controls.Contains(control))),
                status);
        })];
    }
}

/// <summary>Every evidence item, and every approved quality gate with the evidence tagged to it.</summary>
public sealed record ControlEvidence(IReadOnlyList<EvidenceItem> Items, IReadOnlyList<ApprovedGate> Gates);

public sealed record ApprovedGate(UserTask Task, IReadOnlyList<EvidenceItem> Evidence);

/// <summary>One control of the register: the risk it answers, who owns it, and what the evidence store shows.</summary>
public sealed record ControlStatus(
    string Control,
    string Framework,
    string Risk,
    string Practice,
    IReadOnlyList<string> OwnerRoles,
    IReadOnlyList<int> Steps,
    int EvidenceCount,
    DateTimeOffset? LastEvidenceAt,
    int GatesApproved,
    string Status);
