using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Serialization;

/// <summary>Writes <see cref="Money"/> as a plain JSON number, exactly.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Amount);
}
