using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Json;

/// <summary>
/// The serializer settings for ConnectWise JSON: camelCase names as the API sends them, unknown fields kept (every
/// model carries <c>[JsonExtensionData]</c>), nulls left out as the API leaves them out, and UTC dates written with
/// <c>Z</c> so an export file reads like the API response it came from.
/// </summary>
public static class ConnectWiseJson
{
    /// <summary>Options for reading API responses and export files.</summary>
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    /// <summary>The same settings, indented, for export files people may open.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = writeIndented,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new IsoDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
