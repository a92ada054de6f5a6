using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>
/// A task's form: <c>fields</c> a person fills in and, for quality gates, <c>evidence</c> items to attach.
/// Each entry is <c>{ "name", "label", "type": string|number|boolean, "required" }</c>.
/// </summary>
public static class TaskForm
{
    private static readonly HashSet<string> FieldTypes = ["string", "number", "boolean"];

    public static void ValidateFields(ActivityDefinition activity, string input, ActivityValidationContext context)
    {
        var node = activity.Inputs[input];
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray fields)
        {
            context.Error(input, "must be an array of { name, label, type, required }");
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] is not JsonObject field || field["name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
            {
                context.Error($"{input}[{i}].name", "required: each entry needs a non-empty name");
                continue;
            }

            if (field["type"] is { } t && (t is not JsonValue tv || !tv.TryGetValue<string>(out var type) || !FieldTypes.Contains(type)))
            {
                context.Error($"{input}[{i}].type", $"must be one of {string.Join(", ", FieldTypes)}");
            }
        }
    }

    /// <summary>Checks submitted data against the form; returns every problem as (field, reason).</summary>
    public static IReadOnlyList<(string Field, string Reason)> Check(string? formJson, string outcome, JsonObject? data, string approvedOutcome)
    {
        var problems = new List<(string, string)>();
        if (formJson is null || JsonNode.Parse(formJson) is not JsonObject form)
        {
            return problems;
        }

        foreach (var field in Entries(form, "fields", requiredByDefault: false))
        {
            var value = data?[field.Name];
            if (value is null)
            {
                if (field.Required)
                {
                    problems.Add(($"data.{field.Name}", $"required field '{field.Label}' is missing"));
                }

                continue;
            }

            var kind = value.GetValueKind();
            var matches = field.Type switch
            {
                "number" => kind == JsonValueKind.Number,
                "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
                _ => kind == JsonValueKind.String,
            };
            if (!matches)
            {
                problems.Add(($"data.{field.Name}", $"must be a {field.Type}"));
            }
        }

        if (outcome == approvedOutcome)
        {
            var evidence = data?["evidence"] as JsonObject;
            foreach (var item in Entries(form, "evidence", requiredByDefault: true).Where(e => e.Required))
            {
                if (evidence?[item.Name] is not JsonValue v || !v.TryGetValue<string>(out var reference) || string.IsNullOrWhiteSpace(reference))
                {
                    problems.Add(($"data.evidence.{item.Name}", $"required evidence '{item.Label}' is not attached; a gate cannot be approved without it"));
                }
            }
        }

        return problems;
    }

    private static IEnumerable<FormEntry> Entries(JsonObject form, string key, bool requiredByDefault) =>
        (form[key] as JsonArray ?? []).OfType<JsonObject>().Select(e =>
        {
            var name = e["name"]!.GetValue<string>();
            var label = e["label"] is JsonValue l && l.TryGetValue<string>(out var text) ? text : name;
            var type = e["type"] is JsonValue t && t.TryGetValue<string>(out var typeText) ? typeText : "string";
            var required = e["required"] is JsonValue r && r.TryGetValue<bool>(out var flag) ? flag : requiredByDefault;
            return new FormEntry(name, label, type, required);
        });

    private sealed record FormEntry(string Name, string Label, string Type, bool Required);
}
