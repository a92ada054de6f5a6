using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Serialization;

/// <summary>Writes <see cref="Hours"/> as a plain JSON number, exactly.</summary>
public sealed class HoursJsonConverter : JsonConverter<Hours>
{
    public override Hours Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, Hours value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}
