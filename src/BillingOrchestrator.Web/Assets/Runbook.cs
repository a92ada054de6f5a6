using BillingOrchestrator.Web.Escalation;
using BillingOrchestrator.Web.Scheduling;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// The operator runbook as data, read from what the product runs today: the published playbook definition, the stored
/// schedules and escalation paths, the configured thresholds and the KPI targets. Markdown and PDF are two layouts of it.
/// </summary>
public sealed record Runbook(
    DateTimeOffset GeneratedAt,
    RunbookWorkflow Cycle,
    IReadOnlyList<RunbookStep> Steps,
    IReadOnlyList<RunbookWorkflow> RelatedWorkflows,
    IReadOnlyList<ScheduleView> Schedules,
    IReadOnlyList<EscalationPathView> Escalations,
    IReadOnlyList<RunbookSetting> Thresholds,
    IReadOnlyList<RunbookKpi> Kpis);

/// <summary>A published definition: which version runs, and the playbook steps (or rollout weeks) it numbers.</summary>
public sealed record RunbookWorkflow(string DefinitionId, int Version, string Name, string? Description, IReadOnlyList<int> Steps);

/// <summary>One playbook step as the definition declares it, with what its gate needs before it may be approved.</summary>
public sealed record RunbookStep(
    int Number,
    string Title,
    string OwnerRole,
    string? PrimarySystem,
    IReadOnlyList<RunbookTask> Work,
    IReadOnlyList<string> SystemReports,
    RunbookGate? Gate,
    IReadOnlyList<string> EvidenceRequirements,
    IReadOnlyList<string> Controls);

/// <summary>A person's task in a step: who does it and how long they have.</summary>
public sealed record RunbookTask(string Id, string Name, string Role, string? DueIn, string? Description);

public sealed record RunbookGate(string Id, string Title, string ApproverRole, string? DueIn, string? Description);

/// <summary>A threshold or setting in force, where it comes from and what it does.</summary>
public sealed record RunbookSetting(string Area, string Name, string Value, string Meaning);

/// <summary>A KPI: how it is measured, its target, and the recorded week-1 baseline when there is one.</summary>
public sealed record RunbookKpi(string Id, string Name, string Definition, string Target, string? Baseline);
