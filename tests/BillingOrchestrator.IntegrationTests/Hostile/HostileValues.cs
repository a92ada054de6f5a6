namespace BillingOrchestrator.IntegrationTests.Hostile;

/// <summary>What a hostile caller puts in parameters and fields: empty, huge, negative, the wrong type, control characters, traversal.</summary>
public static class HostileValues
{
    /// <summary>Values for route and query parameters and multipart fields.</summary>
    public static readonly IReadOnlyList<string> Text =
    [
        "",
        new string('9', 5_000),
        "-1",
        "-99999999999999999999999",
        "1e400",
        "not-a-number",
        "2026-13-45",
        "P99999999D",
        "\u0000\u202E\u0007\u001b[31mx",
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%00%2e%2e%2f",
        "=HYPERLINK(\"http://evil.invalid\")",
        "<script>alert(1)</script>",
    ];

    /// <summary>Raw JSON tokens for every field of a body: numbers out of range, wrong types, and the texts above.</summary>
    public static readonly IReadOnlyList<string> JsonTokens =
    [
        "-1",
        "-1e300",
        "1e400",
        "99999999999999999999999999999",
        "true",
        "[]",
        "{}",
        "null",
        .. Text.Select(t => System.Text.Json.JsonSerializer.Serialize(t)),
        System.Text.Json.JsonSerializer.Serialize(new string('x', 200_000)),
    ];

    /// <summary>Whole bodies that are not the object the endpoint expects, or not JSON at all.</summary>
    public static readonly IReadOnlyList<string> JsonBodies = ["", "null", "[]", "\"x\"", "1e400", "{", "{\"a\":", "\u0000"];
}
