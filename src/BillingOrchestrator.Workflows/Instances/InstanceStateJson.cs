using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Workflows.Instances;

/// <summary>
/// The stored form of <see cref="InstanceState"/>: JSON with the web defaults (camelCase), through source-generated
/// metadata so the hot path neither reflects nor builds converters. Same document as a reflection-based
/// <see cref="JsonSerializer"/> with <see cref="JsonSerializerDefaults.Web"/> writes and reads.
/// </summary>
public static class InstanceStateJson
{
    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, EngineJsonContext.Default.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, EngineJsonContext.Default.InstanceState) ?? throw new JsonException("The stored instance state is null.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
