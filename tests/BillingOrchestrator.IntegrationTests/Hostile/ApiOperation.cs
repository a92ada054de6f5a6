using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BillingOrchestrator.IntegrationTests.Hostile;

/// <summary>One mapped endpoint as a caller sees it: method, route template, the parameters and body fields it takes.</summary>
public sealed partial record ApiOperation(string Method, string Template, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, BodyKind Body, IReadOnlyList<string> BodyFields)
{
    public override string ToString() => $"{Method} {Template}";

    /// <summary>The route with every parameter replaced by <paramref name="value"/> (escaped) and every query parameter set to it.</summary>
    public string Url(string value)
    {
        var path = RouteParameter().Replace(Template, _ => Uri.EscapeDataString(value));
        return QueryParameters.Count == 0 ? path : path + "?" + string.Join('&', QueryParameters.Select(q => $"{Uri.EscapeDataString(q)}={Uri.EscapeDataString(value)}"));
    }

    /// <summary>Reads the operations of an OpenAPI 3 document, resolving body schemas to their property names.</summary>
    public static IReadOnlyList<ApiOperation> FromOpenApi(JsonObject document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray().Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>())).ToList() ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject();
                var (kind, schema) = content switch
                {
                    null => (BodyKind.None, null),
                    _ when content.ContainsKey("multipart/form-data") => (BodyKind.Form, content["multipart/form-data"]!["schema"]),
                    _ when content.ContainsKey("application/json") => (BodyKind.Json, content["application/json"]!["schema"]),
                    _ => (BodyKind.Json, null),
                };
                operations.Add(new ApiOperation(
                    method.ToUpperInvariant(),
                    path,
                    [.. parameters.Where(p => p.In == "path").Select(p => p.Name)],
                    [.. parameters.Where(p => p.In == "query").Select(p => p.Name)],
                    kind,
                    [.. Properties(schema, schemas, depth: 0)]));
            }
        }

        return operations;
    }

    private static IEnumerable<string> Properties(JsonNode? schema, JsonObject? schemas, int depth)
    {
        if (schema is null || depth > 3)
        {
            return [];
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Properties(schemas?[reference.Split('/')[^1]], schemas, depth + 1);
        }

        var combined = new[] { "allOf", "anyOf", "oneOf" }.SelectMany(k => schema[k]?.AsArray() ?? []).SelectMany(s => Properties(s, schemas, depth + 1));
        var own = schema["properties"]?.AsObject().Select(p => p.Key) ?? [];
        return own.Concat(combined).Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

public enum BodyKind
{
    None,
    Json,
    Form,
}
