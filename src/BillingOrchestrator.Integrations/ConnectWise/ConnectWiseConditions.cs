using System.Globalization;
using BillingOrchestrator.Integrations.ConnectWise.Json;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>
/// Builds <c>conditions</c> expressions in ConnectWise's query syntax: dates in brackets, strings in double quotes.
/// The client URL-encodes the result; these return it unencoded.
/// </summary>
public static class ConnectWiseConditions
{
    /// <summary><c>lastUpdated&gt;[2026-01-01T00:00:00Z]</c>: the records changed after <paramref name="since"/>, for incremental sync.</summary>
    public static string UpdatedSince(DateTimeOffset since) => $"lastUpdated>{Date(since)}";

    /// <summary>A date as a condition literal, in UTC: <c>[2026-01-01T00:00:00Z]</c>.</summary>
    public static string Date(DateTimeOffset value) => "[" + IsoDateTimeOffsetConverter.Format(value.ToUniversalTime()) + "]";

    /// <summary>A string as a condition literal: <c>"O\"Brien"</c>.</summary>
    public static string Text(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Joins the non-empty expressions with <c>and</c>, each in parentheses when there is more than one.</summary>
    public static string? And(params string?[] expressions)
    {
        var parts = expressions.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => string.Join(" and ", parts.Select(p => "(" + p + ")")),
        };
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
