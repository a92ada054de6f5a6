using System.Globalization;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Web.Assets;

/// <summary>The runbook laid out as a report for the PDF renderer the evidence briefs use.</summary>
public static class RunbookReport
{
    public static ReportDocument For(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        var cycle = runbook.Cycle;
        var sections = new List<ReportSection>
        {
            new(
                "Steps at a glance",
                cycle.Description,
                Table: new ReportTable(
                    [new("Step", 0.5, true), new("What", 3.4), new("Owner role", 1.5), new("Primary system", 1.4), new("Approver role", 1.5)],
                    [.. runbook.Steps.Select(s => new ReportRow([Number(s.Number), s.Title, s.OwnerRole, s.PrimarySystem ?? "", s.Gate?.ApproverRole ?? "(no gate)"]))])),
        };
        sections.AddRange(runbook.Steps.Select(Step));
        sections.Add(new ReportSection(
            "Triggers and schedules",
            "Scheduled workflows start on their cron (Quartz, seconds first); the others are started by a person.",
            Table: new ReportTable(
                [new("Workflow", 2.2), new("Version", 0.7, true), new("Steps", 0.8), new("Trigger", 3.5)],
                [.. runbook.RelatedWorkflows.Prepend(cycle).Select(w => new ReportRow(
                    [$"{w.Name} ({w.DefinitionId})", Number(w.Version), string.Join(", ", w.Steps), runbook.Schedules.FirstOrDefault(s => s.DefinitionId == w.DefinitionId) is { } s ? RunbookText.Triggers(s) : "started by a person"]))])));
        sections.Add(new ReportSection(
            "Escalation paths",
            runbook.Escalations.Count == 0 ? "No escalation path is stored: overdue tasks are not escalated." : "An overdue task first tells its role's owners, then moves to the escalation role.",
            Table: new ReportTable(
                [new("Overdue task of role", 1.6), new("Owners told after", 1.2), new("Reassigned to", 1.3), new("After", 1), new("Last changed", 1.8)],
                [.. runbook.Escalations.Select(p => new ReportRow([p.Role, p.NotifyAfter, p.EscalationRole, p.ReassignAfter, $"{p.UpdatedBy}, {p.UpdatedAt:yyyy-MM-dd}"]))])));
        sections.Add(new ReportSection(
            "Thresholds in force",
            Table: new ReportTable(
                [new("Setting", 2.6), new("Value", 1.4), new("Meaning", 3.4)],
                [.. runbook.Thresholds.Select(t => new ReportRow([$"{t.Area}:{t.Name}", t.Value, t.Meaning]))])));
        sections.Add(new ReportSection(
            "KPIs and targets",
            Table: new ReportTable(
                [new("KPI", 1.3), new("Definition", 3.4), new("Target", 1.9), new("Week-1 baseline", 1.5)],
                [.. runbook.Kpis.Select(k => new ReportRow([k.Name, k.Definition, k.Target, k.Baseline ?? "not recorded yet"]))])));
        sections.Add(new ReportSection(
            "Rollback and recovery",
            Table: new ReportTable([new("When", 1.6), new("Do", 4.4)], [.. RunbookText.Rollback.Select(r => new ReportRow([r.When, r.Do]))])));
        return new ReportDocument
        {
            Eyebrow = "IMPLEMENTATION ASSET · OPERATOR RUNBOOK",
            Title = RunbookText.Title,
            Subtitle = $"{cycle.Name}, definition {cycle.DefinitionId} version {cycle.Version}",
            GeneratedAt = runbook.GeneratedAt,
            Footer = $"BillingOrchestrator · runbook · {cycle.DefinitionId} v{cycle.Version}",
            KeyFigures =
            [
                new("Steps", Number(runbook.Steps.Count)),
                new("Gates", Number(runbook.Steps.Count(s => s.Gate is not null))),
                new("Schedules", Number(runbook.Schedules.Count)),
                new("Escalation paths", Number(runbook.Escalations.Count)),
            ],
            Sections = sections,
        };
    }

    private static ReportSection Step(RunbookStep step)
    {
        var rows = new List<ReportRow>
        {
            new(["Owner role", step.OwnerRole]),
            new(["Primary system", step.PrimarySystem ?? "(not named)"]),
        };
        if (step.SystemReports.Count > 0)
        {
            rows.Add(new(["System report", string.Join(", ", step.SystemReports) + " (filed as evidence of the step)"]));
        }

        rows.AddRange(step.Work.Select(t => new ReportRow([$"Task ({t.Role})", $"{t.Name}{(t.DueIn is { } due ? $", due in {due}" : "")}. {t.Description}".TrimEnd()])));
        if (step.Gate is { } gate)
        {
            rows.Add(new(["Quality gate", $"{gate.Title} ({gate.Id}){(gate.DueIn is { } due ? $", due in {due}" : "")}"]));
            rows.Add(new(["Approver role", gate.ApproverRole]));
            rows.Add(new(["Evidence required", string.Join("\n", step.EvidenceRequirements.Select(r => "- " + r))]));
        }

        rows.Add(new(["Controls", step.Controls.Count == 0 ? "none" : string.Join("\n", step.Controls)]));
        return new ReportSection($"Step {step.Number}: {step.Title}", Table: new ReportTable([new("Item", 1.2), new("Detail", 4.8)], rows));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
