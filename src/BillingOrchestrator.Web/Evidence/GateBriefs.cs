using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>
/// Quality-gate rules that need evidence, and the PDF evidence brief every approved gate produces: the evidence an
/// approval cites must belong to the instance and must have been attached by someone other than the approver.
/// </summary>
public sealed class GateBriefs(
    BillingDbContext db,
    IWorkflowInstanceStore instances,
    WorkflowDefinitionCache definitions,
    IEvidenceFileStore files,
    PdfBriefRenderer renderer,
    BriefFigures figures,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>Refuses a gate approval citing unknown evidence or evidence the approver attached (two-person rule).</summary>
    public async Task CheckApprovalAsync(UserTask gate, JsonObject? data, string approver, CancellationToken cancellationToken)
    {
        var cited = CitedEvidence(data);
        if (cited.Count == 0)
        {
            return;
        }

        var ids = cited.Values.ToList();
        var items = await db.Set<EvidenceItem>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        var problems = new List<(string, string)>();
        foreach (var (name, id) in cited)
        {
            var item = items.FirstOrDefault(i => i.Id == id);
            if (item is null || item.InstanceId != gate.InstanceId)
            {
                problems.Add(($"data.evidence.{name}", $"evidence '{id}' is not attached to this instance"));
            }
        }

        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        if (items.FirstOrDefault(i => string.Equals(i.CreatedBy, approver, StringComparison.OrdinalIgnoreCase)) is { } own)
        {
            throw new WorkflowConflictException($"Two-person rule: you attached '{own.Name}', so someone else must approve this gate.");
        }
    }

    /// <summary>Renders and stores the brief of an approved gate; returns the existing one if it was already made.</summary>
    public async Task<EvidenceBriefRecord> GenerateAsync(UserTask gate, CancellationToken cancellationToken)
    {
        if (await db.Set<EvidenceBriefRecord>().AsNoTracking().FirstOrDefaultAsync(b => b.TaskId == gate.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        var instance = await instances.FindAsync(gate.InstanceId, cancellationToken) ?? throw new WorkflowNotFoundException($"Instance {gate.InstanceId} does not exist.");
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var activity = definition.GetActivity(gate.ActivityId);
        var journal = await instances.GetJournalAsync(instance.Id, cancellationToken);
        var cited = CitedEvidence(gate.ResultJson is null ? null : JsonNode.Parse(gate.ResultJson) as JsonObject).Values.ToHashSet();
        var evidence = await db.Set<EvidenceItem>().AsNoTracking()
            .Where(e => e.InstanceId == instance.Id && (e.ActivityId == gate.ActivityId || e.GateId == gate.ActivityId || cited.Contains(e.Id)))
            .OrderBy(e => e.CreatedAt)
            .ToListAsync(cancellationToken);
        var submitted = journal.LastOrDefault(j => j.Event == JournalEvents.ActivitySuspended && j.ActivityId == gate.ActivityId)?.Timestamp ?? gate.CreatedAt;
        // The decisions that led here: the gate's own completion and the task completions just before it.
        var completions = journal.Where(j => j.Event == JournalEvents.TaskCompleted).ToList();
        var gateDecision = completions.FindLastIndex(j => j.ActivityId == gate.ActivityId);
        // In a playbook definition the step's own submissions lead to the gate; elsewhere the completions just before it.
        var step = PlaybookSteps.StepOf(activity);
        var stepActivities = step is null ? null : definition.Activities.Where(a => PlaybookSteps.StepOf(a) == step).ToDictionary(a => a.Id, a => a);
        var leading = completions.Take(gateDecision + 1);
        var approvals = (stepActivities is null ? leading.TakeLast(3) : leading.Where(j => j.ActivityId is not null && stepActivities.ContainsKey(j.ActivityId)).TakeLast(6))
            .Select(j => new BriefApproval(
                j.Actor,
                j.ActivityId == gate.ActivityId ? activity.GetString("approverRole") ?? "" : stepActivities?.GetValueOrDefault(j.ActivityId!)?.GetString("role") ?? "Owner",
                j.Outcome ?? "",
                j.Timestamp,
                j.ActivityId == gate.ActivityId ? gate.Comment : null))
            .ToList();
        var (findings, kpis, runId) = await figures.ForAsync(instance, cancellationToken);
        var sources = evidence.Where(e => e.Url is not null).Select(e => new BriefSourceLink(e.Name, e.Url!)).ToList();
        if (runId is not null && sources.All(s => !s.Url.Contains(runId, StringComparison.Ordinal)))
        {
            sources.Add(new BriefSourceLink("Validation run", $"/api/validation-runs/{runId}"));
        }

        sources.Add(new BriefSourceLink("Workflow journal", $"/api/workflow-instances/{instance.Id}/journal"));
        var brief = new EvidenceBrief
        {
            WorkflowName = definition.Name,
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            InstanceId = instance.Id,
            StepNumber = step ?? 0,
            StepTitle = activity.GetString("stepTitle") ?? activity.Name,
            OwnerRole = activity.GetString("ownerRole") ?? gate.Role ?? "",
            ApproverRole = activity.GetString("approverRole") ?? gate.Role ?? "",
            GateTitle = gate.Title,
            SubmittedAt = submitted,
            ApprovedAt = gate.CompletedAt ?? time.GetUtcNow(),
            Approvals = approvals,
            EvidenceItems = [.. evidence.Select(e => new BriefEvidenceItem(e.Name, e.Kind.ToString(), e.Sha256 ?? "(note or link)", e.Controls))],
            Controls = [.. evidence.SelectMany(e => e.Controls).Distinct().Order().Select(c => new BriefControlMapping(c.StartsWith("PSF", StringComparison.Ordinal) ? "PSF" : "PAI-8", c, $"evidenced by {evidence.Count(e => e.Controls.Contains(c))} item(s) at this gate"))],
            PrimarySystem = activity.GetString("primarySystem"),
            Findings = findings,
            Kpis = kpis,
            SourceLinks = sources,
            AuditChain = await audit.HeadAsync(cancellationToken),
        };

        var pdf = renderer.Render(brief);
        Observability.ProductTelemetry.Brief("gate");
        using var stream = new MemoryStream(pdf);
        var stored = await files.SaveAsync(stream, $"brief-{instance.Id}-{gate.ActivityId}.pdf", "application/pdf", pdf.Length + 1, cancellationToken);
        var record = new EvidenceBriefRecord
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = instance.Id,
            ActivityId = gate.ActivityId,
            TaskId = gate.Id,
            Title = $"{definition.Name}: {gate.Title}",
            Sha256 = stored.Sha256,
            Length = stored.Length,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(record);
        db.Add(new EvidenceItem
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = instance.Id,
            ActivityId = gate.ActivityId,
            Step = step,
            GateId = gate.ActivityId,
            Kind = EvidenceKind.Artefact,
            Url = $"/api/briefs/{record.Id}",
            Name = $"Evidence brief: {gate.Title}.pdf",
            Sha256 = stored.Sha256,
            ContentType = stored.ContentType,
            Length = stored.Length,
            Controls = [EvidenceControls.HumanOversight],
            CreatedBy = "system",
            CreatedAt = record.CreatedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    public static bool IsApprovedGate(UserTask task) =>
        task.Kind == UserTaskKinds.QualityGate && task.Status == UserTaskStatus.Completed && task.Outcome == QualityGateActivity.Approved;

    private static Dictionary<string, string> CitedEvidence(JsonObject? data) =>
        (data?["evidence"] as JsonObject ?? [])
            .Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
