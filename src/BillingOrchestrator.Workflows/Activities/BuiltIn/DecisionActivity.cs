using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// Branches on a variable: <c>"condition": { "variable": "amount", "operator": "gt", "value": 1000 }</c>, or against
/// another variable with <c>"valueVariable": "materialityThreshold"</c>. Operators: eq, ne, gt, ge, lt, le, exists, in.
/// </summary>
public sealed class DecisionActivity : IActivityHandler
{
    private static readonly HashSet<string> Operators = ["eq", "ne", "gt", "ge", "lt", "le", "exists", "in"];

    public string Type => "Decision";

    public IReadOnlyList<string> GetOutcomes(ActivityDefinition activity) => ["True", "False"];

    public void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        if (activity.Inputs["condition"] is not JsonObject condition)
        {
            context.Error("condition", "required input is missing: an object with variable, operator and value");
            return;
        }

        if (condition["variable"] is not JsonValue v || !v.TryGetValue<string>(out var variable) || string.IsNullOrWhiteSpace(variable))
        {
            context.Error("condition.variable", "required: the name (or dotted path) of the variable to test");
        }

        var op = condition["operator"] is JsonValue o && o.TryGetValue<string>(out var text) ? text : null;
        if (op is null || !Operators.Contains(op))
        {
            context.Error("condition.operator", $"must be one of {string.Join(", ", Operators)}");
        }
        else if (op == "in" && condition["value"] is not JsonArray)
        {
            context.Error("condition.value", "must be an array for operator 'in'");
        }
        else if (op != "exists" && condition["value"] is null && condition["valueVariable"] is null)
        {
            context.Error("condition.value", $"required for operator '{op}' (or give valueVariable)");
        }
    }

    public bool IsPure(ActivityDefinition activity) => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        var condition = context.Activity.Inputs["condition"]!.AsObject();
        var actual = context.GetVariable(condition["variable"]!.GetValue<string>());
        var expected = condition["valueVariable"] is JsonValue name && name.TryGetValue<string>(out var path) ? context.GetVariable(path) : condition["value"];
        var result = Evaluate(condition["operator"]!.GetValue<string>(), actual, expected);
        return ValueTask.FromResult<ActivityResult>(new ActivityResult.Completed(result ? "True" : "False"));
    }

    internal static bool Evaluate(string op, JsonNode? actual, JsonNode? expected) => op switch
    {
        "exists" => actual is not null,
        "eq" => Compare(actual, expected) == 0,
        "ne" => Compare(actual, expected) != 0,
        "gt" => Compare(actual, expected) > 0,
        "ge" => Compare(actual, expected) >= 0,
        "lt" => Compare(actual, expected) < 0,
        "le" => Compare(actual, expected) <= 0,
        "in" => expected is JsonArray options && options.Any(option => Compare(actual, option) == 0),
        _ => throw new InvalidOperationException($"Unknown operator '{op}'."),
    };

    // Numbers compare by value, everything else by its JSON text; a missing value never equals a present one.
    private static int? Compare(JsonNode? actual, JsonNode? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null ? 0 : null;
        }

        if (actual.GetValueKind() == JsonValueKind.Number && expected.GetValueKind() == JsonValueKind.Number)
        {
            return actual.GetValue<decimal>().CompareTo(expected.GetValue<decimal>());
        }

        return string.CompareOrdinal(actual.ToJsonString(), expected.ToJsonString());
    }
}
