using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Components.Pages.Cycles;

/// <summary>How a declared variable is typed in on the start form.</summary>
public enum StartInputKind
{
    Text,
    Number,
    Boolean,
    Month,
    Date,
}

/// <summary>
/// One field of the start form: a declared variable a start input may set. Variables read from configuration
/// (<c>"setting"</c>) are refused by the engine and never offered; object and array variables are what steps write
/// (reports, submissions), not what a person types, so they are not offered either.
/// </summary>
public sealed class StartInput(VariableDefinition variable, StartInputKind kind)
{
    public string Name { get; } = variable.Name;

    public StartInputKind Kind { get; } = kind;

    public string? Text { get; set; }

    public decimal? Number { get; set; }

    // A check box always says something, so it starts from the declared default.
    public bool Boolean { get; set; } = variable.Default?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    public string? Error { get; set; }

    /// <summary>The variable's name in words: "cycleMonth" reads "Cycle month".</summary>
    public string Label
    {
        get
        {
            var words = System.Text.RegularExpressions.Regex.Replace(Name, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
            return char.ToUpperInvariant(words[0]) + words[1..];
        }
    }

    public static IReadOnlyList<StartInput> For(WorkflowDefinition definition) =>
        [.. definition.Variables.Where(v => v.Setting is null).Select(v => KindOf(v) is { } kind ? new StartInput(v, kind) : null).OfType<StartInput>()];

    // A string variable named like a month ("cycleMonth") or a date ("periodStart", "dueDate") gets a picker; the
    // engine stores what the picker gives: "2026-11" and "2026-11-30".
    private static StartInputKind? KindOf(VariableDefinition variable) => variable.Type switch
    {
        "number" => StartInputKind.Number,
        "boolean" => StartInputKind.Boolean,
        "string" when variable.Name.EndsWith("Month", StringComparison.OrdinalIgnoreCase) => StartInputKind.Month,
        "string" when variable.Name.EndsWith("Date", StringComparison.OrdinalIgnoreCase) || variable.Name.EndsWith("Start", StringComparison.OrdinalIgnoreCase) || variable.Name.EndsWith("End", StringComparison.OrdinalIgnoreCase) => StartInputKind.Date,
        "string" => StartInputKind.Text,
        _ => null,
    };

    /// <summary>The value to send, or null when the field is left empty (the variable keeps its default).</summary>
    public JsonNode? Value() => Kind switch
    {
        StartInputKind.Number => Number is { } n ? JsonValue.Create(n) : null,
        StartInputKind.Boolean => JsonValue.Create(Boolean),
        _ => string.IsNullOrWhiteSpace(Text) ? null : JsonValue.Create(Text.Trim()),
    };

    public static JsonObject Input(IEnumerable<StartInput> inputs)
    {
        var input = new JsonObject();
        foreach (var field in inputs)
        {
            if (field.Value() is { } value)
            {
                input[field.Name] = value;
            }
        }

        return input;
    }
}
