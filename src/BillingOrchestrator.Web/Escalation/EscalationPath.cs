using System.Globalization;
using System.Xml;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>
/// A path as people and workflows write it: durations as ISO 8601 (<c>PT4H</c>, <c>P1D</c>) or <c>d.hh:mm:ss</c>.
/// <c>notifyAfter</c> (default 0) is how long past the due date the owners are told; <c>reassignAfter</c> how long after
/// that the item moves to <c>escalationRole</c>.
/// </summary>
public sealed record EscalationPathInput
{
    public string? Role { get; init; }

    public string? EscalationRole { get; init; }

    public string? NotifyAfter { get; init; }

    public string? ReassignAfter { get; init; }
}

/// <summary>A stored path, durations in ISO 8601.</summary>
public sealed record EscalationPathView(string Role, string EscalationRole, string NotifyAfter, string ReassignAfter, string UpdatedBy, DateTimeOffset UpdatedAt);

public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.TrimStart().StartsWith('P') || text.TrimStart().StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text.Trim());
                return true;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return false;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    public static string Format(TimeSpan value) => XmlConvert.ToString(value);
}
