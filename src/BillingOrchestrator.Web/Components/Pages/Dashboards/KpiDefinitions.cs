using BillingOrchestrator.Billing.Kpis;

namespace BillingOrchestrator.Web.Components.Pages.Dashboards;

/// <summary>How each KPI is named, defined (as docs/kpis.md states it), formatted and targeted on the KPI page.</summary>
public sealed record KpiDefinition(string Kpi, string Name, string Definition, string Better, string TargetRange, bool Percent)
{
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(
            KpiTargets.InvoiceErrorRate,
            "Invoice error rate",
            "Invoices dated in the period that a validation finding names (the invoice itself, or a time entry billed on it), divided by all invoices dated in the period.",
            "lower is better",
            "10–25% better than the week-1 baseline by week 8",
            Percent: true),
        new(
            KpiTargets.UnbilledLabourValue,
            "Unbilled labour value",
            "The money at risk of the labour findings: missing time, out-of-scope labour, agreement mismatch, unbilled overage, rate not applied and stale unbilled time.",
            "lower is better",
            "10% better than the week-1 baseline by the end of quarter one (week 13)",
            Percent: false),
        new(
            KpiTargets.GrossMargin,
            "Agreement gross margin",
            "(Revenue − labour cost − addition cost) ÷ revenue over all agreements: revenue from the agreements' invoice lines, labour at each member's hourly cost, additions at their extended cost.",
            "higher is better",
            "10% better than the week-1 baseline by the end of quarter one (week 13)",
            Percent: true),
    ];

    public decimal? ValueOf(KpiValues values) => Kpi switch
    {
        KpiTargets.InvoiceErrorRate => values.InvoiceErrorRate,
        KpiTargets.UnbilledLabourValue => values.UnbilledLabourValue.Amount,
        _ => values.GrossMargin,
    };

    public string Format(decimal? value) => value is not { } v
        ? "n/a"
        : Percent ? (v * 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : v.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A relative improvement (positive is better) as a signed percentage.</summary>
    public static string Movement(decimal? improvement) => improvement is not { } i
        ? "n/a"
        : (i >= 0 ? "+" : "") + (i * 100m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "% better";
}
