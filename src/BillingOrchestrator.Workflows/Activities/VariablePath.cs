using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Activities;

internal static class VariablePath
{
    public static JsonNode? Read(IReadOnlyDictionary<string, JsonNode?> variables, string path)
    {
        var parts = path.Split('.');
        if (!variables.TryGetValue(parts[0], out var node))
        {
            return null;
        }

        foreach (var part in parts.Skip(1))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }
}
