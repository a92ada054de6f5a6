using System.Globalization;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>How values are written in a brief: money with two decimals after its currency code, times in UTC.</summary>
public static class BriefText
{
    /// <summary>e.g. <c>USD 12,345.60</c>; negative amounts keep the sign after the code (<c>USD -5.00</c>).</summary>
    public static string Money(decimal amount, string currency) =>
        $"{currency} {amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}";

    /// <summary>e.g. <c>2026-11-02 14:05 UTC</c>.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string Kpi(decimal value, BriefKpiUnit unit, string currency) => unit switch
    {
        BriefKpiUnit.Percent => Number(value) + "%",
        BriefKpiUnit.Money => Money(value, currency),
        _ => Number(value),
    };
}
