using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

/// <summary>A brief for step 3 (pre-invoice validation) of the billing-integrity playbook, adjustable per test.</summary>
internal sealed class EvidenceBriefBuilder
{
    public const string InstanceId = "0196f3a2c4b87d21a9e05f6b3c2d1e4f";
    public const string StepTitle = "Pre-invoice validation";
    public const string Approver = "Priya Raman";

    public static readonly DateTimeOffset ApprovedAt = new(2026, 11, 6, 15, 42, 0, TimeSpan.Zero);

    private int evidenceCount = 4;
    private IReadOnlyList<BriefFinding> findings =
    [
        new("Missing time", 14, 4820.50m),
        new("Out-of-scope labour", 9, 3115.00m),
        new("Agreement mismatch", 5, 12400.75m),
        new("Duplicate charges", 3, 870.00m),
    ];

    private IReadOnlyList<BriefKpi> kpis =
    [
        new("Invoice error rate", 6.8m, 4.9m, 5.1m, true, BriefKpiUnit.Percent),
        new("Unbilled labour value", 38200m, 31750m, 34380m, true, BriefKpiUnit.Money),
        new("Agreement gross margin", 41.5m, 41.9m, 45.6m, false, BriefKpiUnit.Percent),
    ];

    private string managerComment = "All four checks ran on the October batch (1,204 time entries).";
    private IReadOnlyList<BriefSourceLink> links =
    [
        new("Invoice batch 2026-10", "https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=InvoiceBatch&recid=8812"),
        new("Ticket #48211", "https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=48211"),
    ];

    public static string HashOf(int index) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"evidence-{index}")));

    public EvidenceBriefBuilder WithEvidenceItems(int count)
    {
        evidenceCount = count;
        return this;
    }

    public EvidenceBriefBuilder WithFindings(params BriefFinding[] value)
    {
        findings = value;
        return this;
    }

    public EvidenceBriefBuilder WithKpis(params BriefKpi[] value)
    {
        kpis = value;
        return this;
    }

    public EvidenceBriefBuilder WithManagerComment(string value)
    {
        managerComment = value;
        return this;
    }

    public EvidenceBriefBuilder WithSourceLinks(params BriefSourceLink[] value)
    {
        links = value;
        return this;
    }

    public EvidenceBrief Build() => new()
    {
        WorkflowName = "Agreement billing integrity",
        DefinitionId = "billing-integrity",
        DefinitionVersion = 3,
        InstanceId = InstanceId,
        StepNumber = 3,
        StepTitle = StepTitle,
        OwnerRole = "Service manager",
        ApproverRole = "Finance lead",
        GateTitle = "Validation evidence approved",
        SubmittedAt = ApprovedAt.AddHours(-5.5),
        ApprovedAt = ApprovedAt,
        Approvals =
        [
            new("Dana Whitfield", "Service manager", "Submitted", ApprovedAt.AddHours(-5.5), managerComment),
            new(Approver, "Finance lead", "Approved", ApprovedAt, "Duplicate charges credited; mismatches routed to step 4."),
        ],
        EvidenceItems = Enumerable.Range(1, evidenceCount)
            .Select(i => new BriefEvidenceItem(
                $"validation-output-{i.ToString("000", CultureInfo.InvariantCulture)}.csv",
                "CSV",
                HashOf(i),
                i % 2 == 0 ? ["PAI-8 C2 Billing validation"] : ["PAI-8 C2 Billing validation", "PSF D2 Output validation"]))
            .ToList(),
        Findings = findings,
        Kpis = kpis,
        Controls =
        [
            new("PAI-8", "C2 Billing validation", "Pre-invoice checks ran on every time entry of the batch."),
            new("PSF", "D2 Output validation", "Validation output signed off by the finance lead before release."),
            new("PAI-8", "C6 Exception approvals", "Exceptions above materiality carry two approvals."),
        ],
        SourceLinks = links,
    };
}
