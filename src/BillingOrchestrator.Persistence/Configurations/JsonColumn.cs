using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BillingOrchestrator.Persistence.Configurations;

/// <summary>Serialization shared by EF mappings and the engine's SQL writer, so both read and write the same JSON.</summary>
public static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    public static ValueConverter<T, string> Converter<T>() => new(v => Write(v), s => Read<T>(s));

    public static ValueComparer<T> Comparer<T>() => new((a, b) => Write(a) == Write(b), v => Write(v).GetHashCode(StringComparison.Ordinal), v => Read<T>(Write(v)));
}
