namespace BillingOrchestrator.Billing.Kpis;

/// <summary>
/// Agreement gross margin of one agreement, customer, service line or the whole MSP over a period:
/// (revenue − labour cost − addition cost) ÷ revenue. <see cref="GrossMargin"/> is null when nothing was invoiced.
/// </summary>
public sealed record MarginLine(
    string Key,
    string Name,
    Money Revenue,
    Money LabourCost,
    Money AdditionCost,
    Hours LabourHours,
    Money Margin,
    decimal? GrossMargin)
{
    public static MarginLine Of(string key, string name, Money revenue, Money labourCost, Money additionCost, Hours labourHours)
    {
        var margin = revenue - labourCost - additionCost;
        return new(key, name, revenue, labourCost, additionCost, labourHours, margin, Ratio(margin, revenue));
    }

    public static MarginLine Sum(string key, string name, IEnumerable<MarginLine> lines)
    {
        var revenue = Money.Zero;
        var labour = Money.Zero;
        var additions = Money.Zero;
        var hours = Hours.Zero;
        foreach (var line in lines)
        {
            revenue += line.Revenue;
            labour += line.LabourCost;
            additions += line.AdditionCost;
            hours += line.LabourHours;
        }

        return Of(key, name, revenue, labour, additions, hours);
    }

    /// <summary>A ratio rounded to six places, half to even; null when the denominator is zero.</summary>
    public static decimal? Ratio(Money numerator, Money denominator) =>
        denominator.IsZero ? null : Math.Round(numerator.Amount / denominator.Amount, 6, MidpointRounding.ToEven);
}
