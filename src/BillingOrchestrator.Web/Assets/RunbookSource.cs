using System.Globalization;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Governance;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Web.Escalation;
using BillingOrchestrator.Web.Exceptions;
using BillingOrchestrator.Web.Kpis;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Web.Scheduling;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// Reads the runbook from the live product: the published <c>agreement-billing-integrity</c> definition (steps, owners,
/// systems, gates, approvers), the controls its system reports file evidence under, the other published definitions,
/// the stored schedules and escalation paths, the thresholds in force and the KPI baseline.
/// </summary>
public sealed class RunbookSource(
    IWorkflowDefinitionStore store,
    WorkflowDefinitionCache definitions,
    IEnumerable<IWorkflowAction> actions,
    WorkflowSchedules schedules,
    EscalationPaths escalations,
    KpiHistory kpis,
    IOptions<ExceptionOptions> exceptionOptions,
    IOptions<ValidationOptions> validationOptions,
    IOptions<GovernanceOptions> governanceOptions,
    TimeProvider time)
{
    public const string CycleDefinitionId = "agreement-billing-integrity";

    public async Task<Runbook> BuildAsync(CancellationToken cancellationToken)
    {
        var published = await store.FindAsync(CycleDefinitionId, VersionSelector.Published, cancellationToken)
            ?? throw new WorkflowConflictException($"There is no published '{CycleDefinitionId}' definition: the runbook describes the published playbook.");
        var cycle = await definitions.GetAsync(published.DefinitionId, published.Version, cancellationToken);
        var controlsOf = actions.OfType<IControlEvidence>().Cast<IWorkflowAction>().ToDictionary(a => a.Name, a => ((IControlEvidence)a).Controls, StringComparer.Ordinal);
        var related = new List<RunbookWorkflow>();
        foreach (var latest in (await store.ListLatestAsync(cancellationToken)).OrderBy(d => d.DefinitionId, StringComparer.Ordinal))
        {
            if (latest.DefinitionId != CycleDefinitionId && await store.FindAsync(latest.DefinitionId, VersionSelector.Published, cancellationToken) is { } other)
            {
                related.Add(Workflow(await definitions.GetAsync(other.DefinitionId, other.Version, cancellationToken)));
            }
        }

        var baseline = await kpis.LatestBaselineAsync(cancellationToken);
        return new Runbook(
            time.GetUtcNow(),
            Workflow(cycle),
            [.. StepNumbers(cycle).Select(step => Step(cycle, step, controlsOf))],
            related,
            await schedules.ListAsync(cancellationToken),
            await escalations.ListAsync(cancellationToken),
            Thresholds(),
            [.. KpiDefinitions.All.Select(k => new RunbookKpi(
                k.Id,
                k.Name,
                k.Definition,
                KpiDefinitions.TargetText(k.Target),
                baseline is null ? null : $"{KpiDefinitions.Format(k.ValueIn(baseline.Values), k.Unit)} (recorded {baseline.RecordedAt:yyyy-MM-dd} by {baseline.RecordedBy})"))]);
    }

    private static RunbookWorkflow Workflow(WorkflowDefinition definition) =>
        new(definition.DefinitionId, definition.Version, definition.Name, definition.Description, StepNumbers(definition));

    private static List<int> StepNumbers(WorkflowDefinition definition) =>
        [.. definition.Activities.Select(PlaybookSteps.StepOf).OfType<int>().Distinct().Order()];

    private RunbookStep Step(WorkflowDefinition definition, int number, IReadOnlyDictionary<string, IReadOnlyList<string>> controlsOf)
    {
        var activities = definition.Activities.Where(a => PlaybookSteps.StepOf(a) == number).ToList();
        var first = activities[0];
        var work = PlaybookSteps.WorkOf(definition, number)
            .Select(a => new RunbookTask(a.Id, a.Name, a.GetString("role") ?? "", a.GetString("dueIn"), a.GetString("description")))
            .ToList();
        var reports = activities.Where(a => a.Type == "RunAction").Select(a => a.GetString("action")).OfType<string>().ToList();
        var gate = PlaybookSteps.GateOf(definition, number) is { } g
            ? new RunbookGate(g.Id, g.GetString("title") ?? g.Name, g.GetString("approverRole") ?? "", g.GetString("dueIn"), g.GetString("description"))
            : null;
        var controls = reports.SelectMany(r => controlsOf.GetValueOrDefault(r) ?? []).ToList();
        if (gate is not null)
        {
            controls.Add(EvidenceControls.HumanOversight); // every approved gate files its evidence brief under it
        }

        return new RunbookStep(
            number,
            first.GetString("stepTitle") ?? first.Name,
            first.GetString("ownerRole") ?? work.FirstOrDefault()?.Role ?? "",
            first.GetString("primarySystem"),
            work,
            reports,
            gate,
            gate is null ? [] : Requirements(number, work, reports, gate),
            [.. EvidenceControls.All.Where(controls.Contains)]);
    }

    /// <summary>What <see cref="GateGuard"/> checks before this gate may be approved, in the words of this step.</summary>
    private List<string> Requirements(int step, IReadOnlyList<RunbookTask> work, IReadOnlyList<string> reports, RunbookGate gate)
    {
        var requirements = new List<string>();
        if (step > 1)
        {
            requirements.Add($"The quality gate of step {step - 1} is approved.");
        }

        foreach (var task in work)
        {
            requirements.Add($"'{task.Name}' is submitted by a {task.Role}.");
        }

        requirements.Add(reports.Count > 0
            ? $"Evidence is tagged to {gate.Id} by someone other than the approver; the system report ({string.Join(", ", reports)}) files it automatically."
            : $"Evidence is tagged to {gate.Id} by someone other than the approver.");
        requirements.Add($"A {gate.ApproverRole} approves who submitted none of the step's tasks (two-person rule).");
        if (reports.Contains("exceptions.route"))
        {
            requirements.Add($"The invoice batch is released: every exception has a disposition with a reason, and those above {Money(exceptionOptions.Value.MaterialityThreshold)} are confirmed by a second person.");
        }

        return requirements;
    }

    private List<RunbookSetting> Thresholds()
    {
        var exceptions = exceptionOptions.Value;
        var validation = validationOptions.Value;
        var governance = governanceOptions.Value;
        var settings = new List<RunbookSetting>
        {
            new("Exceptions", "MaterialityThreshold", Money(exceptions.MaterialityThreshold), "Above this amount at risk a disposition needs a second, different approver."),
            new("Exceptions", "SampleSize", Number(exceptions.SampleSize), "Overrides and write-offs the monthly control sample draws."),
            new("Exceptions", "Routing.DefaultRole", exceptions.Routing.DefaultRole, "Role an exception goes to when no rule matches."),
        };
        settings.AddRange(exceptions.Routing.Rules.Select((rule, i) => new RunbookSetting("Exceptions", $"Routing.Rules[{i}]", rule.Describe(), "Routes matching exceptions to the rule's role (first match wins).")));
        settings.AddRange(
        [
            new("Validation", "StaleAfterDays", Number(validation.StaleAfterDays), "Ready-to-bill time older than this at period end, on no invoice, is stale."),
            new("Validation", "TechnicianDayShortfallPercent", Number(validation.TechnicianDayShortfallPercent) + "%", "A working day this far below capacity is reported as missing time."),
            new("Validation", "OverlapToleranceMinutes", Number(validation.OverlapToleranceMinutes), "Overlap between two entries of one technician that is still not a duplicate."),
            new("Validation", "MissingTimeHoursPerTicket", Number(validation.MissingTimeHoursPerTicket), "Hours a ticket without time is valued at, at least."),
            new("Validation", "RateTolerance", Money(validation.RateTolerance), "Rate shortfall that is not reported."),
            new("Governance", "MarginFloor", Percent(governance.MarginFloor), "Agreements below this gross margin are proposed for repricing."),
            new("Governance", "RepriceUplift", Percent(governance.RepriceUplift), "Repricing proposes rates this much higher."),
            new("Governance", "UnderUseShare", Percent(governance.UnderUseShare), "A month is under-used below this share of included hours."),
            new("Governance", "MiscodingThreshold", Number(governance.MiscodingThreshold), "Agreement-mismatch findings on one agreement that call for coding enforcement."),
        ]);
        return settings;
    }

    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
