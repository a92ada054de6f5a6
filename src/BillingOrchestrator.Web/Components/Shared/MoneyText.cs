using System.Globalization;

namespace BillingOrchestrator.Web.Components.Shared;

/// <summary>Money as people read it on the pages: the currency symbol, thousands separators and two decimals (the host runs with invariant globalization, so no culture supplies them).</summary>
public static class MoneyText
{
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
