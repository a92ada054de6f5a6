using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BillingOrchestrator.Workflows.Activities;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>
/// Turns definition JSON into a <see cref="WorkflowDefinition"/>, or into the complete list of reasons it cannot be one.
/// Never throws on bad input: every refusal names the source, the JSON path and the reason.
/// </summary>
public sealed partial class WorkflowDefinitionParser(ActivityRegistry activities)
{
    public const string DefaultOutcome = "Done";

    private static readonly HashSet<string> ReservedActivityKeys = ["id", "type", "name", "position"];
    private static readonly HashSet<string> VariableTypes = ["string", "number", "boolean", "object", "array", "any"];

    public DefinitionParseResult Parse(string json, string source)
    {
        var errors = new List<DefinitionError>();
        JsonNode? rootNode;
        try
        {
            // Duplicate properties are refused while parsing: JsonObject would otherwise throw ArgumentException on first
            // access (found by fuzzing, docs/fuzzing.md), and which of two values is meant cannot be known anyway.
            rootNode = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {ex.BytePositionInLine + 1})" : "";
            return DefinitionParseResult.Failed(new DefinitionError(source, ex.Path ?? "$", $"not valid JSON{where}: {FirstSentence(ex.Message)}"));
        }

        if (rootNode is not JsonObject root)
        {
            return DefinitionParseResult.Failed(new DefinitionError(source, "$", "a definition must be a JSON object"));
        }

        var definitionId = RequiredString(root, "definitionId", source, errors);
        if (definitionId is not null && !IdPattern().IsMatch(definitionId))
        {
            errors.Add(new(source, "$.definitionId", "must be lower-case letters, digits and dashes, starting with a letter or digit"));
        }

        var name = RequiredString(root, "name", source, errors);
        var description = OptionalString(root, "description", source, errors);
        var version = 1;
        if (root["version"] is { } versionNode && (versionNode.GetValueKind() != JsonValueKind.Number || !versionNode.AsValue().TryGetValue(out version) || version < 1))
        {
            errors.Add(new(source, "$.version", "must be a whole number of at least 1"));
        }

        var strategy = IncidentStrategy.Fault;
        var strategyText = OptionalString(root, "incidentStrategy", source, errors);
        if (strategyText is not null && !Enum.TryParse(strategyText, ignoreCase: false, out strategy))
        {
            errors.Add(new(source, "$.incidentStrategy", $"must be one of {string.Join(", ", Enum.GetNames<IncidentStrategy>())}"));
        }

        var variables = ParseVariables(root, source, errors);
        var activityList = ParseActivities(root, source, errors);
        var connections = ParseConnections(root, activityList, source, errors);
        Tasks.TwoPersonRule.Validate(activityList, source, "$.activities", errors);

        if (errors.Count == 0)
        {
            CheckGraph(activityList, connections, source, errors);
        }

        if (errors.Count > 0)
        {
            return DefinitionParseResult.Failed([.. errors]);
        }

        return DefinitionParseResult.Ok(new WorkflowDefinition(definitionId!, version, name!, description, strategy, variables, activityList, connections));
    }

    public WorkflowDefinition ParseOrThrow(string json, string source)
    {
        var result = Parse(json, source);
        return result.Definition ?? throw new InvalidDefinitionException(result.Errors);
    }

    private static List<VariableDefinition> ParseVariables(JsonObject root, string source, List<DefinitionError> errors)
    {
        var list = new List<VariableDefinition>();
        if (root["variables"] is null)
        {
            return list;
        }

        if (root["variables"] is not JsonArray array)
        {
            errors.Add(new(source, "$.variables", "must be an array"));
            return list;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.variables[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(new(source, path, "must be an object with name and type"));
                continue;
            }

            var variableName = RequiredString(item, "name", source, errors, path);
            var type = OptionalString(item, "type", source, errors, path) ?? "any";
            if (!VariableTypes.Contains(type))
            {
                errors.Add(new(source, $"{path}.type", $"must be one of {string.Join(", ", VariableTypes)}"));
            }

            if (variableName is not null && !seen.Add(variableName))
            {
                errors.Add(new(source, $"{path}.name", $"variable '{variableName}' is declared twice"));
            }

            var setting = OptionalString(item, "setting", source, errors, path);
            if (setting is not null && string.IsNullOrWhiteSpace(setting))
            {
                errors.Add(new(source, $"{path}.setting", "must name a setting of the host, such as Exceptions:MaterialityThreshold"));
            }

            if (variableName is not null)
            {
                list.Add(new VariableDefinition(variableName, type, item["default"]?.DeepClone(), setting));
            }
        }

        return list;
    }

    private List<ActivityDefinition> ParseActivities(JsonObject root, string source, List<DefinitionError> errors)
    {
        var list = new List<ActivityDefinition>();
        if (root["activities"] is not JsonArray array || array.Count == 0)
        {
            errors.Add(new(source, "$.activities", "required: a non-empty array of activities"));
            return list;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.activities[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(new(source, path, "must be an object"));
                continue;
            }

            var id = RequiredString(item, "id", source, errors, path);
            var type = RequiredString(item, "type", source, errors, path);
            var displayName = OptionalString(item, "name", source, errors, path) ?? id;
            if (id is null || type is null)
            {
                continue;
            }

            if (!IdPattern().IsMatch(id) && !ActivityIdPattern().IsMatch(id))
            {
                errors.Add(new(source, $"{path}.id", "must be letters, digits, dashes or underscores"));
            }

            if (!seen.Add(id))
            {
                errors.Add(new(source, $"{path}.id", $"activity id '{id}' is used twice"));
            }

            var inputs = new JsonObject();
            foreach (var (key, value) in item)
            {
                if (!ReservedActivityKeys.Contains(key))
                {
                    inputs[key] = value?.DeepClone();
                }
            }

            var activity = new ActivityDefinition(id, type, displayName!, inputs, ParsePosition(item, path, source, errors));
            if (!activities.TryGet(type, out var handler))
            {
                errors.Add(new(source, $"{path}.type", $"unknown activity type '{type}'; known types: {string.Join(", ", activities.Types)}"));
            }
            else
            {
                handler.Validate(activity, new ActivityValidationContext(source, path, errors));
            }

            list.Add(activity);
        }

        return list;
    }

    private static DesignerPosition? ParsePosition(JsonObject item, string path, string source, List<DefinitionError> errors)
    {
        if (item["position"] is null)
        {
            return null;
        }

        if (item["position"] is JsonObject position
            && position["x"] is JsonValue x && x.TryGetValue<double>(out var xValue)
            && position["y"] is JsonValue y && y.TryGetValue<double>(out var yValue))
        {
            return new DesignerPosition(xValue, yValue);
        }

        errors.Add(new(source, $"{path}.position", "must be an object with numeric x and y"));
        return null;
    }

    private List<ConnectionDefinition> ParseConnections(JsonObject root, List<ActivityDefinition> activityList, string source, List<DefinitionError> errors)
    {
        var list = new List<ConnectionDefinition>();
        if (root["connections"] is null)
        {
            return list;
        }

        if (root["connections"] is not JsonArray array)
        {
            errors.Add(new(source, "$.connections", "must be an array"));
            return list;
        }

        var byId = activityList.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.connections[{i}]";
            if (array[i] is not JsonObject item)
            {
                errors.Add(new(source, path, "must be an object with source, outcome and target"));
                continue;
            }

            var sourceId = RequiredString(item, "source", source, errors, path);
            var targetId = RequiredString(item, "target", source, errors, path);
            var outcome = OptionalString(item, "outcome", source, errors, path) ?? DefaultOutcome;
            if (sourceId is null || targetId is null)
            {
                continue;
            }

            if (!byId.TryGetValue(sourceId, out var sourceActivity))
            {
                errors.Add(new(source, $"{path}.source", $"dangling connection: no activity with id '{sourceId}'"));
            }
            else if (activities.TryGet(sourceActivity.Type, out var handler))
            {
                var outcomes = handler.GetOutcomes(sourceActivity);
                if (!outcomes.Contains(outcome, StringComparer.Ordinal))
                {
                    var allowed = outcomes.Count == 0 ? "it has no outcomes" : "its outcomes are " + string.Join(", ", outcomes);
                    errors.Add(new(source, $"{path}.outcome", $"'{sourceId}' ({sourceActivity.Type}) has no outcome '{outcome}': {allowed}"));
                }
            }

            if (!byId.ContainsKey(targetId))
            {
                errors.Add(new(source, $"{path}.target", $"dangling connection: no activity with id '{targetId}'"));
            }

            list.Add(new ConnectionDefinition(sourceId, outcome, targetId));
        }

        return list;
    }

    private static void CheckGraph(List<ActivityDefinition> activityList, List<ConnectionDefinition> connections, string source, List<DefinitionError> errors)
    {
        var targets = connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        var roots = activityList.Where(a => !targets.Contains(a.Id)).Select(a => a.Id).ToList();
        if (roots.Count != 1)
        {
            var detail = roots.Count == 0 ? "every activity has an incoming connection" : "these have none: " + string.Join(", ", roots);
            errors.Add(new(source, "$.connections", $"exactly one activity must have no incoming connection (the start); {detail}"));
            return;
        }

        var graph = new FlowGraph(activityList.Select(a => a.Id), connections.Select(c => (c.Source, c.Target)));
        var unreachable = graph.UnreachableFrom(roots[0]);
        if (unreachable.Count > 0)
        {
            errors.Add(new(source, "$.connections", $"activities not reachable from the start '{roots[0]}': {string.Join(", ", unreachable)}"));
        }

        foreach (var trap in graph.CyclesWithoutExit())
        {
            errors.Add(new(source, "$.connections", $"cycle without exit: {string.Join(" -> ", trap)} can never reach an activity outside the cycle"));
        }
    }

    private static string? RequiredString(JsonObject obj, string key, string source, List<DefinitionError> errors, string parent = "$")
    {
        var value = OptionalString(obj, key, source, errors, parent);
        if (value is null && obj[key] is null)
        {
            errors.Add(new(source, $"{parent}.{key}", "required field is missing"));
        }
        else if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(source, $"{parent}.{key}", "must not be empty"));
            return null;
        }

        return value;
    }

    private static string? OptionalString(JsonObject obj, string key, string source, List<DefinitionError> errors, string parent = "$")
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(source, $"{parent}.{key}", $"must be a string, not {node.GetValueKind().ToString().ToLowerInvariant()}"));
            return null;
        }

        return node.GetValue<string>();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ActivityIdPattern();
}

public sealed record DefinitionParseResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public static DefinitionParseResult Ok(WorkflowDefinition definition) => new(definition, []);

    public static DefinitionParseResult Failed(params DefinitionError[] errors) => new(null, errors);
}
