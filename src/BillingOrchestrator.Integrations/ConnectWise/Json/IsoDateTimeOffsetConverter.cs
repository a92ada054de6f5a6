using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise.Json;

/// <summary>
/// Reads ISO 8601 dates and writes them the way ConnectWise does: <c>2026-10-01T00:00:00Z</c> for UTC, with an offset
/// otherwise, fractional seconds only when there are any.
/// </summary>
internal sealed class IsoDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected an ISO 8601 date string such as \"2026-10-01T00:00:00Z\"");
        }

        var text = reader.GetString()!;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            || !LooksIso(text))
        {
            throw new JsonException($"\"{text}\" is not an ISO 8601 date such as \"2026-10-01T00:00:00Z\"");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    internal static string Format(DateTimeOffset value)
    {
        var pattern = value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
        return value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString(pattern, CultureInfo.InvariantCulture) + "Z"
            : value.ToString(pattern + "zzz", CultureInfo.InvariantCulture);
    }

    private static bool LooksIso(string text) => text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';
}
