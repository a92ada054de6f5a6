using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Tests;

internal static class ParserFactory
{
    public static WorkflowDefinitionParser Create()
    {
        var actions = new ActionRegistry([new NoopAction()]);
        IActivityHandler[] handlers =
        [
            new StartActivity(), new EndActivity(), new UserTaskActivity(), new QualityGateActivity(), new DecisionActivity(),
            new ForkActivity(), new JoinActivity(), new TimerActivity(), new RunActionActivity(actions), new NotifyActivity(), new EventActivity(),
        ];
        return new WorkflowDefinitionParser(new ActivityRegistry(handlers));
    }

    private sealed class NoopAction : IWorkflowAction
    {
        public string Name => "noop";

        public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ActionResult.Done());
    }
}
