using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>
/// The workflow action <c>escalation.setPaths</c>: the rollout's week-1 pre-flight passes the escalation paths its
/// owners documented (<c>input.paths</c>, or the array itself) and they replace the stored ones, validated and audited
/// like the API's PUT. Outputs the number of paths stored.
/// </summary>
public sealed class SetEscalationPathsAction : IWorkflowAction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "escalation.setPaths";

    public async ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var array = input as JsonArray ?? input?["paths"] as JsonArray;
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
