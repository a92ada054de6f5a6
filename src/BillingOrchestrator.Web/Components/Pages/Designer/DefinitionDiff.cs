using System.Text.Json.Nodes;

namespace BillingOrchestrator.Web.Components.Pages.Designer;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions of a definition, in words an admin reviews before publishing.</summary>
public sealed record DefinitionChange(ChangeKind Kind, string Subject, string Detail);

/// <summary>What changed from one version to another: activities, their inputs, connections and header fields. Positions are layout, not change.</summary>
public static class DefinitionDiff
{
    private static readonly string[] IgnoredHeaderFields = ["version", "$schema"];

    public static IReadOnlyList<DefinitionChange> Compare(DesignerModel before, DesignerModel after)
    {
        var changes = new List<DefinitionChange>();
        var beforeHeader = JsonNode.Parse(before.ToJson())!.AsObject();
        var afterHeader = JsonNode.Parse(after.ToJson())!.AsObject();
        foreach (var key in beforeHeader.Select(p => p.Key).Union(afterHeader.Select(p => p.Key)).Where(k => k is not ("activities" or "connections") && !IgnoredHeaderFields.Contains(k)))
        {
            CompareValue(changes, "definition", key, beforeHeader[key], afterHeader[key]);
        }

        foreach (var removed in before.Activities.Where(a => after.Find(a.Id) is null))
        {
            changes.Add(new(ChangeKind.Removed, $"activity {removed.Id}", $"{removed.Type} “{removed.Name}”"));
        }

        foreach (var activity in after.Activities)
        {
            if (before.Find(activity.Id) is not { } old)
            {
                changes.Add(new(ChangeKind.Added, $"activity {activity.Id}", $"{activity.Type} “{activity.Name}”"));
                continue;
            }

            if (old.Name != activity.Name)
            {
                changes.Add(new(ChangeKind.Changed, $"activity {activity.Id}", $"name: “{old.Name}” → “{activity.Name}”"));
            }

            foreach (var key in old.Inputs.Select(p => p.Key).Union(activity.Inputs.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                CompareValue(changes, $"activity {activity.Id}", key, old.Inputs[key], activity.Inputs[key]);
            }
        }

        var beforeConnections = before.Connections.Select(Describe).ToHashSet(StringComparer.Ordinal);
        var afterConnections = after.Connections.Select(Describe).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(beforeConnections.Except(afterConnections).Select(c => new DefinitionChange(ChangeKind.Removed, "connection", c)));
        changes.AddRange(afterConnections.Except(beforeConnections).Select(c => new DefinitionChange(ChangeKind.Added, "connection", c)));
        return changes;
    }

    private static void CompareValue(List<DefinitionChange> changes, string subject, string key, JsonNode? before, JsonNode? after)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        var detail = (before, after) switch
        {
            (null, _) => $"{key} set to {Show(after)}",
            (_, null) => $"{key} removed (was {Show(before)})",
            _ => $"{key}: {Show(before)} → {Show(after)}",
        };
        changes.Add(new(before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed, subject, detail));
    }

    private static string Show(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "nothing";

    private static string Describe(DesignerConnection c) => $"{c.Source} —{c.OutcomeOrDefault}→ {c.Target}";
}
