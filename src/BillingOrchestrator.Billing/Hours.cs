using System.Globalization;
using System.Text.Json.Serialization;
using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing;

/// <summary>An exact number of hours (ConnectWise <c>actualHours</c>, <c>hoursBilled</c>, <c>applicationLimit</c> in Hours units).</summary>
[JsonConverter(typeof(HoursJsonConverter))]
public readonly record struct Hours(decimal Value) : IComparable<Hours>
{
    public static Hours Zero { get; } = new(0m);

    public bool IsZero => Value == 0m;

    /// <summary>The exact length of a time span in hours, computed from ticks so quarter hours stay 0.25.</summary>
    public static Hours Between(DateTimeOffset start, DateTimeOffset end) =>
        new((end - start).Ticks / (decimal)TimeSpan.TicksPerHour);

    public static Hours operator +(Hours left, Hours right) => new(left.Value + right.Value);

    public static Hours operator -(Hours left, Hours right) => new(left.Value - right.Value);

    public static bool operator <(Hours left, Hours right) => left.Value < right.Value;

    public static bool operator >(Hours left, Hours right) => left.Value > right.Value;

    public static bool operator <=(Hours left, Hours right) => left.Value <= right.Value;

    public static bool operator >=(Hours left, Hours right) => left.Value >= right.Value;

    public static Hours Min(Hours left, Hours right) => left <= right ? left : right;

    public static Hours Max(Hours left, Hours right) => left >= right ? left : right;

    public int CompareTo(Hours other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("0.00##", CultureInfo.InvariantCulture) + " h";
}
