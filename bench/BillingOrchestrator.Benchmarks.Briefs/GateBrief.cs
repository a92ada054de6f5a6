using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Evidence.Items;

namespace BillingOrchestrator.Benchmarks.Briefs;

/// <summary>A brief as large as a step-4 gate of the demo MSP makes one: eight finding categories, a dozen evidence items, KPIs, approvals and links.</summary>
public static class GateBrief
{
    public static EvidenceBrief Step4()
    {
        var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        string[] categories = ["missing-time", "out-of-scope-labor", "agreement-mismatch", "duplicate-charge", "unbilled-overage", "rate-not-applied", "stale-unbilled", "invoice-agreement-drift"];
        return new EvidenceBrief
        {
            WorkflowName = "Agreement billing integrity (monthly cycle)",
            DefinitionId = "agreement-billing-integrity",
            DefinitionVersion = 1,
            InstanceId = "019abc0123456789abcdef0123456789",
            StepNumber = 4,
            StepTitle = "Route billing exceptions to finance and service owners for documented disposition before invoice batch release",
            OwnerRole = "ServiceManager",
            ApproverRole = "ServiceManager",
            GateTitle = "Step 4 quality gate: every exception dispositioned and the invoice batch released before moving to step 5",
            PrimarySystem = "Documentation platform",
            SubmittedAt = at,
            ApprovedAt = at.AddHours(3),
            Approvals = [new("service@demo.local", "ServiceManager", "Done", at, null), new("service-approver@demo.local", "ServiceManager", "Approved", at.AddHours(3), "all exceptions dispositioned")],
            EvidenceItems = [.. Enumerable.Range(1, 12).Select(i => new BriefEvidenceItem($"evidence-{i}.csv", i % 3 == 0 ? "Artefact" : "File", Convert.ToHexStringLower(BitConverter.GetBytes(i * 7919L)).PadRight(64, 'a'), [EvidenceControls.ExceptionApprovals, EvidenceControls.FinancialTelemetry]))],
            Findings = [.. categories.Select((c, i) => new BriefFinding(c, 3 + (i * 4), 420.50m * (i + 1)))],
            Kpis = [new("Findings", 71, 64, 64, true), new("Unbilled labour value at risk", 24_000m, 21_500m, 21_600m, true, BriefKpiUnit.Money), new("Exceptions open", 0, 0, 0, true), new("Exceptions closed", 0, 71, 71, true), new("Write-offs", 0, 1_250m, 0, false, BriefKpiUnit.Money)],
            Controls = [.. EvidenceControls.All.Select(c => new BriefControlMapping(c.StartsWith("PSF", StringComparison.Ordinal) ? "PSF" : "PAI-8", c, "evidenced by 4 item(s) at this gate"))],
            SourceLinks = [new("Validation run", "/api/validation-runs/0123456789abcdef"), new("Invoice batch", "/api/invoice-batches/0123456789abcdef"), new("Workflow journal", "/api/workflow-instances/019abc/journal")],
        };
    }
}
