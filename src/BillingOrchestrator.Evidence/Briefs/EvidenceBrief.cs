using BillingOrchestrator.Evidence.Audit;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Everything an evidence brief shows for one passed quality gate: which workflow step it closes, who approved it, the
/// evidence and the controls it satisfies, the findings with money at risk, the KPI snapshot and links to the sources.
/// </summary>
public sealed record EvidenceBrief
{
    public required string WorkflowName { get; init; }

    public required string DefinitionId { get; init; }

    public required int DefinitionVersion { get; init; }

    public required string InstanceId { get; init; }

    public required int StepNumber { get; init; }

    public required string StepTitle { get; init; }

    public required string OwnerRole { get; init; }

    public required string ApproverRole { get; init; }

    public required string GateTitle { get; init; }

    /// <summary>The system of record the playbook names for the step, e.g. <c>ConnectWise PSA</c>.</summary>
    public string? PrimarySystem { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the gate was approved; also the document's creation date.</summary>
    public required DateTimeOffset ApprovedAt { get; init; }

    /// <summary>ISO 4217 code every amount in the brief is in, e.g. <c>USD</c>.</summary>
    public string Currency { get; init; } = "USD";

    public IReadOnlyList<BriefApproval> Approvals { get; init; } = [];

    public IReadOnlyList<BriefEvidenceItem> EvidenceItems { get; init; } = [];

    public IReadOnlyList<BriefFinding> Findings { get; init; } = [];

    public IReadOnlyList<BriefKpi> Kpis { get; init; } = [];

    public IReadOnlyList<BriefControlMapping> Controls { get; init; } = [];

    public IReadOnlyList<BriefSourceLink> SourceLinks { get; init; } = [];

    /// <summary>The audit chain's head when the brief was made, and its latest seal: checks the chain against this document later.</summary>
    public AuditHead? AuditChain { get; init; }
}

/// <summary>One decision recorded at the gate.</summary>
public sealed record BriefApproval(string Name, string Role, string Decision, DateTimeOffset At, string? Comment);

/// <summary>A stored evidence file and the controls it evidences, e.g. <c>PAI-8 C2 Billing validation</c>.</summary>
public sealed record BriefEvidenceItem(string Name, string Kind, string Sha256, IReadOnlyList<string> Controls);

/// <summary>Findings of one category, e.g. duplicate charges, with the money they put at risk.</summary>
public sealed record BriefFinding(string Category, int Count, decimal MoneyAtRisk);

/// <summary>A KPI at the time of the gate against its week-1 baseline and target.</summary>
public sealed record BriefKpi(string Name, decimal Baseline, decimal Current, decimal Target, bool OnTrack, BriefKpiUnit Unit = BriefKpiUnit.Number);

/// <summary>How a KPI's values are written.</summary>
public enum BriefKpiUnit
{
    /// <summary>A plain number with up to two decimals.</summary>
    Number,

    /// <summary>A percentage: 4.2 is written 4.2%.</summary>
    Percent,

    /// <summary>An amount in the brief's currency.</summary>
    Money,
}

/// <summary>
/// A standards control this step satisfies: <see cref="Framework"/> and <see cref="Control"/> together are the label
/// evidence items cite (e.g. <c>PAI-8</c> + <c>C2 Billing validation</c>).
/// </summary>
public sealed record BriefControlMapping(string Framework, string Control, string HowSatisfied);

/// <summary>A link to the source record, e.g. a ConnectWise ticket or the invoice batch.</summary>
public sealed record BriefSourceLink(string Label, string Url);
