using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Serialization;

/// <summary>
/// The one JSON shape for billing data: camelCase like the ConnectWise API, enums by their API names,
/// money and hours as exact numbers. Property order follows declaration order, so output is canonical.
/// </summary>
public static class BillingJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"JSON holds no {typeof(T).Name}.");

    public static async Task WriteAsync<T>(Stream stream, T value, CancellationToken cancellationToken) =>
        await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken).ConfigureAwait(false);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
