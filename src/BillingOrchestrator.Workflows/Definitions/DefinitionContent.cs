using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>Canonical form of definition JSON: what counts as "changed" ignores formatting and the version number.</summary>
public static class DefinitionContent
{
    public static string Hash(string json)
    {
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        node.Remove("version");
        node.Remove("$schema");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString())));
    }

    // Definition files are read and edited by people: "finance lead's", "é" and "<" stay as typed, not as \u0027 escapes.
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON with its <c>version</c> set, indented, for storage and for writing back to the file.</summary>
    public static string WithVersion(string json, int version)
    {
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        node["version"] = version;
        return node.ToJsonString(Readable);
    }
}
