using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>
/// The workflow action <c>escalation.setPaths</c>: the rollout's week-1 pre-flight passes the escalation paths its
/// owners documented and they replace the stored ones, validated and audited like the API's PUT. The paths are
/// <c>input.paths</c> (or the input array itself), or read from a variable named by <c>input.variable</c> (a dotted path
/// such as <c>preflight.data.escalationPaths</c>, a task's form output). Outputs the number of paths stored.
/// </summary>
public sealed class SetEscalationPathsAction : IWorkflowAction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "escalation.setPaths";

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var source = (input as JsonObject)?["variable"] is JsonValue name && name.TryGetValue<string>(out var path) ? context.GetVariable(path) : input;
        var array = source as JsonArray ?? (source as JsonObject)?["paths"] as JsonArray;
        List<EscalationPathInput?>? paths;
        try
        {
            paths = array?.Deserialize<List<EscalationPathInput?>>(Json);
        }
        catch (JsonException)
        {
            throw new WorkflowValidationException("paths", "each path must be an object { role, escalationRole, notifyAfter, reassignAfter } with text values");
        }

        var problems = SetEscalationPaths.Check(paths).ToList();
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        await using var scope = context.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var actor = new WorkflowActor($"workflow:{context.Instance.Id}", new HashSet<string> { WorkflowActor.AdminRole });
        var stored = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SetEscalationPaths([.. paths!.Select(p => p!)], actor), cancellationToken);
        return ActionResult.Done(new JsonObject { ["paths"] = stored.Count });
    }
}
