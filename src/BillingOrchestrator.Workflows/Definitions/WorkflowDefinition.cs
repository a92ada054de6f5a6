using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>
/// A parsed, validated workflow definition: a flowchart of activities joined by outcome-labelled connections.
/// Immutable once built; the runtime caches it per (definitionId, version).
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, ActivityDefinition> _activitiesById;
    private readonly ILookup<(string Source, string Outcome), string> _targets;
    private readonly ILookup<string, string> _incomingSources;

    public WorkflowDefinition(
        string definitionId,
        int version,
        string name,
        string? description,
        IncidentStrategy incidentStrategy,
        IReadOnlyList<VariableDefinition> variables,
        IReadOnlyList<ActivityDefinition> activities,
        IReadOnlyList<ConnectionDefinition> connections)
    {
        DefinitionId = definitionId;
        Version = version;
        Name = name;
        Description = description;
        IncidentStrategy = incidentStrategy;
        Variables = variables;
        Activities = activities;
        Connections = connections;
        _activitiesById = activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _targets = connections.ToLookup(c => (c.Source, c.Outcome), c => c.Target);
        _incomingSources = connections.ToLookup(c => c.Target, c => c.Source);
    }

    public string DefinitionId { get; }

    public int Version { get; }

    public string Name { get; }

    public string? Description { get; }

    public IncidentStrategy IncidentStrategy { get; }

    public IReadOnlyList<VariableDefinition> Variables { get; }

    public IReadOnlyList<ActivityDefinition> Activities { get; }

    public IReadOnlyList<ConnectionDefinition> Connections { get; }

    /// <summary>The single activity with no incoming connection: where every instance starts.</summary>
    public ActivityDefinition Root => Activities.Single(a => !_incomingSources.Contains(a.Id));

    public ActivityDefinition? FindActivity(string id) => _activitiesById.GetValueOrDefault(id);

    public ActivityDefinition GetActivity(string id) =>
        _activitiesById.TryGetValue(id, out var activity)
            ? activity
            : throw new KeyNotFoundException($"Activity '{id}' is not part of {DefinitionId} v{Version}.");

    public IEnumerable<string> TargetsOf(string sourceActivityId, string outcome) => _targets[(sourceActivityId, outcome)];

    public IEnumerable<string> IncomingSourcesOf(string targetActivityId) => _incomingSources[targetActivityId].Distinct(StringComparer.Ordinal);

    public WorkflowDefinition WithVersion(int version) =>
        new(DefinitionId, version, Name, Description, IncidentStrategy, Variables, Activities, Connections);
}

public enum IncidentStrategy
{
    /// <summary>An activity that exhausts its retries faults the whole instance.</summary>
    Fault,

    /// <summary>An activity that exhausts its retries is parked; other branches keep running.</summary>
    Continue,
}

/// <summary>A declared variable; with a <see cref="Setting"/> its value comes from the host's configuration (<see cref="IWorkflowSettings"/>), never from a start input.</summary>
public sealed record VariableDefinition(string Name, string Type, JsonNode? Default, string? Setting = null);

public sealed record DesignerPosition(double X, double Y);

/// <summary>One node of the flowchart: its id, type, display name and the type-specific inputs as raw JSON.</summary>
public sealed record ActivityDefinition(string Id, string Type, string Name, JsonObject Inputs, DesignerPosition? Position)
{
    public string? GetString(string input) => Inputs[input] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public IReadOnlyList<string> GetStrings(string input) =>
        Inputs[input] is JsonArray array
            ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray()
            : [];
}

/// <summary>An edge: when <see cref="Source"/> completes with <see cref="Outcome"/>, <see cref="Target"/> is scheduled.</summary>
public sealed record ConnectionDefinition(string Source, string Outcome, string Target);
