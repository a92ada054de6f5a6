using System.Globalization;

namespace BillingOrchestrator.Billing.Kpis;

/// <summary>
/// The playbook KPIs in words, as docs/kpis.md defines them, with their targets from <see cref="KpiTargets"/>: what the
/// runbook, the KPI register and the executive brief print beside the numbers.
/// </summary>
public static class KpiDefinitions
{
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(KpiTargets.InvoiceErrorRate, "Invoice error rate", KpiUnit.Ratio,
            "Invoices dated in the period with at least one confirmed error (a validation finding naming the invoice or one of its time entries), divided by all invoices dated in the period. Lower is better."),
        new(KpiTargets.UnbilledLabourValue, "Unbilled labour value", KpiUnit.Money,
            "Money at risk of the labour findings (missing time, out-of-scope labour, agreement mismatch, unbilled overage, rate not applied, stale unbilled). Lower is better."),
        new(KpiTargets.GrossMargin, "Agreement gross margin", KpiUnit.Ratio,
            "(Revenue invoiced on agreements - labour cost at each technician's hourly cost - addition cost) divided by that revenue, over all agreements. Higher is better."),
    ];

    public static KpiDefinition Of(string kpi) => All.First(d => d.Id == kpi);

    /// <summary>The target in words, e.g. <c>10-25% better than the week-1 baseline by week 8</c>.</summary>
    public static string TargetText(KpiTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var range = target.MaximumImprovement is { } max ? $"{(target.MinimumImprovement * 100m).ToString("0.##", CultureInfo.InvariantCulture)}-{Percent(max)}" : $"at least {Percent(target.MinimumImprovement)}";
        var by = target.ByWeek == 13 ? "week 13 (end of quarter one)" : $"week {target.ByWeek}";
        return $"{range} better than the week-1 baseline by {by}";
    }

    /// <summary>The target in few words for a narrow column, e.g. <c>10-25% by week 8</c>.</summary>
    public static string ShortTarget(KpiTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var min = (target.MinimumImprovement * 100m).ToString("0.##", CultureInfo.InvariantCulture);
        return target.MaximumImprovement is { } max ? $"{min}-{Percent(max)} by week {target.ByWeek}" : $"{min}% or more by week {target.ByWeek}";
    }

    /// <summary>A KPI value as people read it: ratios as percent with two decimals, money with two decimals.</summary>
    public static string Format(decimal? value, KpiUnit unit) => value switch
    {
        null => "n/a",
        { } v when unit == KpiUnit.Ratio => (v * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("#,##0.00", CultureInfo.InvariantCulture),
    };

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

public sealed record KpiDefinition(string Id, string Name, KpiUnit Unit, string Definition)
{
    public KpiTarget Target => KpiTargets.Targets.First(t => t.Kpi == Id);

    /// <summary>This KPI's headline value in <paramref name="values"/>.</summary>
    public decimal? ValueIn(KpiValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Id switch
        {
            KpiTargets.InvoiceErrorRate => values.InvoiceErrorRate,
            KpiTargets.UnbilledLabourValue => values.UnbilledLabourValue.Amount,
            _ => values.GrossMargin,
        };
    }
}

public enum KpiUnit
{
    Ratio,
    Money,
}
