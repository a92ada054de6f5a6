using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Fuzz;

/// <summary>
/// The workflow definition parser and validator (<see cref="WorkflowDefinitionParser.Parse"/>, which promises never to
/// throw on bad input), with every built-in activity registered, as the host registers them.
/// </summary>
internal sealed class WorkflowDefinitionTarget(string repository) : IFuzzTarget
{
    public const string Name = "workflow-definition";

    private readonly WorkflowDefinitionParser parser = CreateParser();

    public void Run(byte[] input) => _ = parser.Parse(Encoding.UTF8.GetString(input), "fuzz.json").Errors.Count;

    public IEnumerable<(string Name, byte[] Bytes)> Seeds() =>
        Directory.GetFiles(Path.Combine(repository, "workflows"), "*.json")
            .Where(path => !path.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)));

    public void Dispose()
    {
    }

    private static WorkflowDefinitionParser CreateParser()
    {
        // The product's action names, so the repository's definitions are valid seeds and mutations reach the graph checks.
        string[] names = ["billing.validate", "catalog.completeness", "coding.classification", "controls.sample", "exceptions.route", "leakage.snapshot"];
        var actions = new ActionRegistry([.. names.Select(name => new FuzzAction(name))]);
        IActivityHandler[] handlers =
        [
            new StartActivity(), new EndActivity(), new UserTaskActivity(), new QualityGateActivity(), new DecisionActivity(),
            new ForkActivity(), new JoinActivity(), new TimerActivity(), new RunActionActivity(actions), new NotifyActivity(), new EventActivity(),
        ];
        return new WorkflowDefinitionParser(new ActivityRegistry(handlers));
    }

    private sealed class FuzzAction(string name) : IWorkflowAction
    {
        public string Name => name;

        public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ActionResult.Done());
    }
}
