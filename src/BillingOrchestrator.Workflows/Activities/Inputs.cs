using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities;

/// <summary>Shared reading and checking of common activity inputs (durations, outcome lists).</summary>
internal static class Inputs
{
    public static TimeSpan? Duration(ActivityDefinition activity, string input) =>
        activity.GetString(input) is { } text && TryParseDuration(text, out var value) ? value : null;

    public static void ValidateDuration(ActivityDefinition activity, string input, ActivityValidationContext context)
    {
        if (activity.Inputs[input] is null)
        {
            return;
        }

        if (activity.GetString(input) is not { } text || !TryParseDuration(text, out var value) || value < TimeSpan.Zero)
        {
            context.Error(input, "must be an ISO 8601 duration such as PT30M, PT4H or P2D");
        }
    }

    public static void ValidateOutcomes(ActivityDefinition activity, string input, ActivityValidationContext context)
    {
        var node = activity.Inputs[input];
        if (node is null)
        {
            return;
        }

        var names = activity.GetStrings(input);
        if (node is not JsonArray array || array.Count == 0 || names.Count != array.Count || names.Any(string.IsNullOrWhiteSpace))
        {
            context.Error(input, "must be a non-empty array of outcome names");
        }
        else if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            context.Error(input, "outcome names must be unique");
        }
    }

    public static void ValidateOptionalString(ActivityDefinition activity, string input, ActivityValidationContext context)
    {
        if (activity.Inputs[input] is { } node && node.GetValueKind() != JsonValueKind.String)
        {
            context.Error(input, "must be a string");
        }
    }

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            value = default;
            return false;
        }
    }
}
