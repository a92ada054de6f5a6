using System.Globalization;
using System.Text.Json.Serialization;
using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing;

/// <summary>
/// An exact amount of money in the tenant's currency (USD). Arithmetic never rounds; <see cref="RoundToCents"/>
/// rounds half to even, and only where the product itself rounds (rates, invoice lines, amounts at risk).
/// </summary>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money(decimal Amount) : IComparable<Money>
{
    /// <summary>The ISO 4217 code every amount is in.</summary>
    public const string Currency = "USD";

    public static Money Zero { get; } = new(0m);

    public bool IsZero => Amount == 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount);

    public static Money operator -(Money value) => new(-value.Amount);

    public static Money operator *(Money value, decimal factor) => new(value.Amount * factor);

    public static Money operator *(decimal factor, Money value) => new(value.Amount * factor);

    /// <summary>An hourly rate times hours worked.</summary>
    public static Money operator *(Money rate, Hours hours) => new(rate.Amount * hours.Value);

    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    /// <summary>Rounds to whole cents, half to even (banker's rounding), as invoices do.</summary>
    public Money RoundToCents() => new(Math.Round(Amount, 2, MidpointRounding.ToEven));

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public override string ToString() => Amount.ToString("0.00##", CultureInfo.InvariantCulture) + " " + Currency;
}
