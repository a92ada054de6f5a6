using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Components.Pages.Designer;

/// <summary>
/// A definition as the designer edits it: activities (with every input kept, known or not), connections and positions.
/// <see cref="FromJson"/> and <see cref="ToJson"/> round-trip the definition file format without losing fields.
/// </summary>
public sealed class DesignerModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    private readonly JsonObject _header;

    private DesignerModel(JsonObject header, List<DesignerActivity> activities, List<DesignerConnection> connections)
    {
        _header = header;
        Activities = activities;
        Connections = connections;
    }

    public string DefinitionId => _header["definitionId"]?.GetValue<string>() ?? "";

    public string Name => _header["name"]?.GetValue<string>() ?? DefinitionId;

    public List<DesignerActivity> Activities { get; }

    /// <summary>Declared variables with a number default; not those read from configuration (<c>"setting"</c>), whose default is never used.</summary>
    public IEnumerable<(string Name, decimal Default)> NumberVariables =>
        (_header["variables"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["type"]?.GetValue<string>() == "number" && v["name"] is not null && v["setting"] is null)
            .Select(v => (v["name"]!.GetValue<string>(), v["default"] is JsonValue d && d.TryGetValue<decimal>(out var n) ? n : 0m));

    public void SetVariableDefault(string name, decimal value)
    {
        if ((_header["variables"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(v => v["name"]?.GetValue<string>() == name) is { } variable)
        {
            variable["default"] = value;
        }
    }

    public List<DesignerConnection> Connections { get; }

    public static DesignerModel FromJson(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: Lenient) as JsonObject ?? throw new JsonException("A definition must be a JSON object.");
        var activities = (root["activities"] as JsonArray ?? []).OfType<JsonObject>().Select(DesignerActivity.From).ToList();
        var connections = (root["connections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new DesignerConnection(
            c["source"]?.GetValue<string>() ?? "", c["outcome"]?.GetValue<string>(), c["target"]?.GetValue<string>() ?? "")).ToList();
        var header = root.DeepClone().AsObject();
        header.Remove("activities");
        header.Remove("connections");
        return new DesignerModel(header, activities, connections);
    }

    /// <summary>The definition file: header fields as they were, then activities and connections in the designer's order.</summary>
    public string ToJson()
    {
        var root = _header.DeepClone().AsObject();
        root["activities"] = new JsonArray([.. Activities.Select(a => (JsonNode)a.ToJson())]);
        root["connections"] = new JsonArray([.. Connections.Select(c => (JsonNode)c.ToJson())]);
        return root.ToJsonString(Indented);
    }

    public DesignerActivity? Find(string id) => Activities.FirstOrDefault(a => a.Id == id);

    /// <summary>Adds an activity of <paramref name="type"/> with a fresh id, placed at <paramref name="position"/>.</summary>
    public DesignerActivity Add(string type, DesignerPosition? position = null)
    {
        var stem = type.ToLowerInvariant();
        var n = Activities.Count + 1;
        while (Find($"{stem}-{n}") is not null)
        {
            n++;
        }

        var activity = new DesignerActivity($"{stem}-{n}", type, $"{type} {n}", DefaultInputs(type)) { Position = position };
        Activities.Add(activity);
        return activity;
    }

    /// <summary>Removes the activity and every connection into or out of it.</summary>
    public void Remove(string id)
    {
        Activities.RemoveAll(a => a.Id == id);
        Connections.RemoveAll(c => c.Source == id || c.Target == id);
    }

    public void Connect(string source, string? outcome, string target)
    {
        var connection = new DesignerConnection(source, string.IsNullOrWhiteSpace(outcome) || outcome == WorkflowDefinitionParser.DefaultOutcome ? null : outcome, target);
        if (!Connections.Contains(connection))
        {
            Connections.Add(connection);
        }
    }

    /// <summary>The outcomes an activity can leave on, as the engine's activity types define them.</summary>
    public static IReadOnlyList<string> OutcomesOf(DesignerActivity activity) => activity.Type switch
    {
        "QualityGate" => ["Approved", "Rejected"],
        "Decision" => ["True", "False"],
        "UserTask" => activity.Inputs["outcomes"] is JsonArray outcomes && outcomes.Count > 0
            ? [.. outcomes.Select(o => o?.ToString() ?? "")]
            : [WorkflowDefinitionParser.DefaultOutcome],
        "End" => [],
        _ => [WorkflowDefinitionParser.DefaultOutcome],
    };

    // New activities start with what the engine requires of their type, so a fresh node is close to valid.
    private static JsonObject DefaultInputs(string type) => type switch
    {
        "UserTask" => new JsonObject { ["role"] = "FinanceLead", ["title"] = "New task", ["outcomes"] = new JsonArray("Done") },
        "QualityGate" => new JsonObject { ["approverRole"] = "FinanceLead", ["title"] = "New quality gate", ["evidence"] = new JsonArray() },
        "Timer" => new JsonObject { ["delay"] = "P1D" },
        "Notify" => new JsonObject { ["to"] = "FinanceLead", ["subject"] = "Notification" },
        _ => [],
    };
}

/// <summary>One activity: id, type, display name, position, and all other fields as inputs.</summary>
public sealed class DesignerActivity(string id, string type, string name, JsonObject inputs)
{
    public string Id { get; } = id;

    public string Type { get; } = type;

    public string Name { get; set; } = name;

    public JsonObject Inputs { get; } = inputs;

    public DesignerPosition? Position { get; set; }

    public bool IsGate => Type == "QualityGate";

    public bool IsUserTask => Type == "UserTask";

    public string? GetString(string input) => Inputs[input] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Sets a text input; blank removes it, so an emptied field reads as "not set" rather than "".</summary>
    public void SetString(string input, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Inputs.Remove(input);
        }
        else
        {
            Inputs[input] = value.Trim();
        }
    }

    public static DesignerActivity From(JsonObject item)
    {
        var inputs = item.DeepClone().AsObject();
        foreach (var key in new[] { "id", "type", "name", "position" })
        {
            inputs.Remove(key);
        }

        var id = item["id"]?.GetValue<string>() ?? "";
        DesignerPosition? position = item["position"] is JsonObject p && p["x"] is JsonValue x && p["y"] is JsonValue y
            && x.TryGetValue<double>(out var px) && y.TryGetValue<double>(out var py) ? new DesignerPosition(px, py) : null;
        return new DesignerActivity(id, item["type"]?.GetValue<string>() ?? "", item["name"]?.GetValue<string>() ?? id, inputs) { Position = position };
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["type"] = Type };
        if (Name != Id)
        {
            json["name"] = Name;
        }

        foreach (var (key, value) in Inputs)
        {
            json[key] = value?.DeepClone();
        }

        if (Position is { } position)
        {
            json["position"] = new JsonObject { ["x"] = Math.Round(position.X), ["y"] = Math.Round(position.Y) };
        }

        return json;
    }
}

/// <summary>A connection leaving <see cref="Source"/> on <see cref="Outcome"/> (null: the default outcome).</summary>
public sealed record DesignerConnection(string Source, string? Outcome, string Target)
{
    public string OutcomeOrDefault => Outcome ?? WorkflowDefinitionParser.DefaultOutcome;

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["source"] = Source };
        if (Outcome is not null)
        {
            json["outcome"] = Outcome;
        }

        json["target"] = Target;
        return json;
    }
}
