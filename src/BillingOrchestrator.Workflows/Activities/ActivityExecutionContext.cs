using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Activities;

/// <summary>Everything one activity execution can see and change. Changes are committed with the activity's result, atomically.</summary>
public sealed class ActivityExecutionContext
{
    private readonly List<WorkflowEffect> _effects = [];

    public required WorkflowDefinition Definition { get; init; }

    public required ActivityDefinition Activity { get; init; }

    public required WorkflowInstance Instance { get; init; }

    public required WorkItem WorkItem { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required IServiceProvider Services { get; init; }

    public InstanceState State => Instance.State;

    /// <summary>Stable across crashes and retries of this execution: give it to external systems so a replay is recognised.</summary>
    public string IdempotencyKey => $"{Instance.Id}:{WorkItem.Id}";

    internal IReadOnlyList<WorkflowEffect> Effects => _effects;

    /// <summary>Reads a variable; a dotted path (<c>review.outcome</c>) walks into JSON objects.</summary>
    public JsonNode? GetVariable(string path) => VariablePath.Read(State.Variables, path);

    public void SetVariable(string name, JsonNode? value) => State.Variables[name] = value;

    /// <summary>
    /// Records a side effect in the same transaction as this activity's result. If the process dies before the commit, the
    /// effect is not recorded and the activity runs again; after it, the activity never runs again. Either way: once.
    /// </summary>
    public void RecordEffect(string kind, JsonNode? payload, string? key = null) =>
        _effects.Add(new WorkflowEffect
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = Instance.Id,
            ActivityId = Activity.Id,
            Kind = kind,
            IdempotencyKey = key is null ? $"{IdempotencyKey}:{kind}:{_effects.Count}" : $"{IdempotencyKey}:{key}",
            PayloadJson = payload?.ToJsonString(),
            CreatedAt = Now,
        });
}
