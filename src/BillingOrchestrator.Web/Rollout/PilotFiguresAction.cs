using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Rollout;

/// <summary>
/// The workflow action <c>rollout.pilotFigures</c>: the pilot's precision and recall (overall and per category) from the
/// reviewers' labels and logged missed leaks, with the override count, filed as evidence of the step that runs it: the
/// week-2 review gate and the week-3 threshold tuning. Outputs the headline figures.
/// </summary>
public sealed class PilotFiguresAction : ArtefactAction
{
    public override string Name => "rollout.pilotFigures";

    protected override string FileName => "pilot-figures.json";

    public override IReadOnlyList<string> Controls => [EvidenceControls.OutputValidation, EvidenceControls.HumanOversight];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var view = await services.GetRequiredService<PilotRuns>().FiguresAsync(context.Instance.Id, cancellationToken);
        var figures = view.Figures;
        return (view, $"/api/rollout/pilot?instanceId={context.Instance.Id}", new JsonObject
        {
            ["runId"] = view.RunId,
            ["findings"] = figures.Findings,
            ["unlabelled"] = figures.Unlabelled,
            ["truePositives"] = figures.TruePositives,
            ["falsePositives"] = figures.FalsePositives,
            ["falseNegatives"] = figures.FalseNegatives,
            ["precision"] = figures.Precision,
            ["recall"] = figures.Recall,
            ["overrides"] = figures.Overrides,
        });
    }
}
