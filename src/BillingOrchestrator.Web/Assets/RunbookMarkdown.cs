using System.Globalization;
using System.Text;

namespace BillingOrchestrator.Web.Assets;

/// <summary>The runbook as Markdown (GitHub tables), for the documentation platform and for reading in a browser.</summary>
public static class RunbookMarkdown
{
    public static string Render(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        var md = new StringBuilder();
        var cycle = runbook.Cycle;
        md.AppendLine(CultureInfo.InvariantCulture, $"# {RunbookText.Title}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {runbook.GeneratedAt:yyyy-MM-dd HH:mm} UTC from the live product: `{cycle.DefinitionId}` version {cycle.Version} ({cycle.Name}).");
        if (cycle.Description is { } description)
        {
            md.AppendLine();
            md.AppendLine(description);
        }

        md.AppendLine();
        md.AppendLine("## Steps");
        md.AppendLine();
        md.AppendLine("| step | what | owner role | primary system | gate approver role | controls |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var step in runbook.Steps)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.Number} | {Cell(step.Title)} | {step.OwnerRole} | {Cell(step.PrimarySystem ?? "")} | {step.Gate?.ApproverRole ?? "(no gate)"} | {Cell(string.Join("; ", step.Controls))} |");
        }

        foreach (var step in runbook.Steps)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### Step {step.Number}: {step.Title}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- Owner role: **{step.OwnerRole}**");
            md.AppendLine(CultureInfo.InvariantCulture, $"- Primary system: {step.PrimarySystem ?? "(not named)"}");
            if (step.SystemReports.Count > 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- System report (filed as evidence): {string.Join(", ", step.SystemReports.Select(r => $"`{r}`"))}");
            }

            foreach (var task in step.Work)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- Task `{task.Id}` ({task.Role}{(task.DueIn is { } due ? $", due in {due}" : "")}): {task.Name}.{(task.Description is { } d ? " " + d : "")}");
            }

            if (step.Gate is { } gate)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- Quality gate `{gate.Id}`: {gate.Title}. Approver role: **{gate.ApproverRole}**{(gate.DueIn is { } due ? $", due in {due}" : "")}.");
                md.AppendLine("- Evidence required before approval:");
                foreach (var requirement in step.EvidenceRequirements)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"  - {requirement}");
                }
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"- Controls evidenced: {(step.Controls.Count == 0 ? "none" : string.Join("; ", step.Controls))}");
        }

        md.AppendLine();
        md.AppendLine("## Triggers and schedules");
        md.AppendLine();
        md.AppendLine("| workflow | version | steps | schedule |");
        md.AppendLine("|---|---|---|---|");
        foreach (var workflow in runbook.RelatedWorkflows.Prepend(cycle))
        {
            var schedule = runbook.Schedules.FirstOrDefault(s => s.DefinitionId == workflow.DefinitionId);
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{workflow.DefinitionId}` ({Cell(workflow.Name)}) | {workflow.Version} | {string.Join(", ", workflow.Steps)} | {(schedule is null ? "started by a person (POST /api/workflow-instances)" : Cell(RunbookText.Triggers(schedule)))} |");
        }

        md.AppendLine();
        md.AppendLine("## Escalation paths");
        md.AppendLine();
        if (runbook.Escalations.Count == 0)
        {
            md.AppendLine("No escalation path is stored: overdue tasks are not escalated. Set them with PUT /api/escalation-paths.");
        }
        else
        {
            md.AppendLine("| overdue task of role | owners told after | reassigned to | after | last changed |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var path in runbook.Escalations)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {path.Role} | {path.NotifyAfter} | {path.EscalationRole} | {path.ReassignAfter} | {path.UpdatedBy}, {path.UpdatedAt:yyyy-MM-dd} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Thresholds in force");
        md.AppendLine();
        md.AppendLine("| area | setting | value | meaning |");
        md.AppendLine("|---|---|---|---|");
        foreach (var setting in runbook.Thresholds)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {setting.Area} | `{setting.Name}` | {Cell(setting.Value)} | {Cell(setting.Meaning)} |");
        }

        md.AppendLine();
        md.AppendLine("## KPIs and targets");
        md.AppendLine();
        md.AppendLine("| KPI | definition | target | week-1 baseline |");
        md.AppendLine("|---|---|---|---|");
        foreach (var kpi in runbook.Kpis)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {kpi.Name} | {Cell(kpi.Definition)} | {Cell(kpi.Target)} | {Cell(kpi.Baseline ?? "not recorded yet (POST /api/kpis/baseline)")} |");
        }

        md.AppendLine();
        md.AppendLine("## Rollback and recovery");
        md.AppendLine();
        foreach (var (when, what) in RunbookText.Rollback)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{when}**: {what}");
        }

        return md.ToString();
    }

    // A pipe would end the table cell; a line break would end the row.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
