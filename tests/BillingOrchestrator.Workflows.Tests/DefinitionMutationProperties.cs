using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using CsCheck;

namespace BillingOrchestrator.Workflows.Tests;

/// <summary>
/// Random mutations of valid definitions (every file in workflows/): the parser either refuses them with errors that
/// name a JSON path and a reason, or loads a definition whose graph is whole. It never throws.
/// </summary>
public sealed class DefinitionMutationProperties
{
    private static readonly WorkflowDefinitionParser Parser = ParserFactory.Create();

    private static readonly string[] Seeds = [.. SeedFiles()];


    private static readonly Gen<JsonNode?> AnyValue = Gen.OneOf<JsonNode?>(
        Gen.Int.Select(_ => (JsonNode?)null),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(_ => (JsonNode?)new JsonArray()),
        Gen.Int.Select(_ => (JsonNode?)new JsonObject()));

    private enum Mutation
    {
        RemoveProperty,
        ReplaceValue,
        DuplicateArrayItem,
        Truncate,
        InsertCharacter,
    }

    [Fact]
    public void Seeds_AreValidDefinitions() => Seeds.Length.ShouldBeGreaterThan(0, "at least one file in workflows/ loads with the engine's own activities");

    [Fact]
    public void MutatedDefinition_IsRefusedWithAPathAndReason_OrLoadsWhole() =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Enum<Mutation>().Array[1, 4], Gen.Int.Array[8], AnyValue, Gen.Char)
            .Sample(
                (seed, mutations, picks, value, character) =>
                {
                    var json = Seeds[seed];
                    for (var i = 0; i < mutations.Length; i++)
                    {
                        json = Apply(json, mutations[i], Math.Abs(picks[i] % 1_000_000), value, character);
                    }

                    var result = Parser.Parse(json, "mutated.json");

                    if (result.Definition is null)
                    {
                        result.Errors.ShouldNotBeEmpty();
                        result.Errors.ShouldAllBe(e => e.Path.StartsWith('$') && e.Message.Length > 0 && e.Source == "mutated.json");
                    }
                    else
                    {
                        result.Errors.ShouldBeEmpty();
                        var ids = result.Definition.Activities.Select(a => a.Id).ToList();
                        ids.Distinct().Count().ShouldBe(ids.Count);
                        result.Definition.Connections.ShouldAllBe(c => ids.Contains(c.Source) && ids.Contains(c.Target));
                    }
                },
                iter: 3_000);

    private static string Apply(string json, Mutation mutation, int pick, JsonNode? value, char character)
    {
        switch (mutation)
        {
            case Mutation.Truncate:
                return json[..(pick % (json.Length + 1))];
            case Mutation.InsertCharacter:
                var at = pick % (json.Length + 1);
                return json[..at] + character + json[at..];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return json;
        }

        var target = nodes[pick % nodes.Count];
        switch (mutation)
        {
            case Mutation.RemoveProperty when target is JsonObject obj && obj.Count > 0:
                obj.Remove(obj.ElementAt(pick % obj.Count).Key);
                break;
            case Mutation.ReplaceValue when target.Parent is JsonObject parent:
                parent[target.GetPropertyName()] = value?.DeepClone();
                break;
            case Mutation.ReplaceValue when target.Parent is JsonArray array:
                array[target.GetElementIndex()] = value?.DeepClone();
                break;
            case Mutation.DuplicateArrayItem when target is JsonArray list && list.Count > 0:
                list.Add(list[pick % list.Count]?.DeepClone());
                break;
        }

        return root!.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, into);
                }

                break;
        }
    }

    private static IEnumerable<string> SeedFiles()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BillingOrchestrator.sln")))
        {
            directory = directory.Parent;
        }

        var workflows = Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("The repository root (BillingOrchestrator.sln) was not found."), "workflows");
        return Directory.GetFiles(workflows, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            // Files that call product actions (billing.validate, ...) need the host's registry; the rest are the seeds.
            .Where(json => Parser.Parse(json, "seed").Definition is not null);
    }
}
