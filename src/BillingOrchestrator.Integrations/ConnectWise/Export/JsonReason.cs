using System.Text.Json;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>Turns serializer messages ("could not be converted to System.Nullable`1[System.Decimal]") into words.</summary>
internal static class JsonReason
{
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        const string Conversion = "The JSON value could not be converted to ";
        if (!message.StartsWith(Conversion, StringComparison.Ordinal))
        {
            return message.TrimEnd('.');
        }

        var type = message[Conversion.Length..];
        return "has the wrong type: expected " + type switch
        {
            _ when type.Contains("Decimal", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "an ISO 8601 date such as \"2026-10-01T00:00:00Z\"",
            _ when type.Contains("String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("CwReference", StringComparison.Ordinal) => "a reference object such as {\"id\": 250}",
            _ when type.Contains("List", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
    }
}
