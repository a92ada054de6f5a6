using BillingOrchestrator.Billing.Checks;

namespace BillingOrchestrator.Billing.Kpis;

/// <summary>The three playbook KPIs over one period of PSA data, with the breakdowns behind them (see docs/kpis.md).</summary>
public sealed record KpiReport
{
    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    public required InvoiceErrorRate InvoiceErrorRate { get; init; }

    public required UnbilledLabour UnbilledLabour { get; init; }

    public required GrossMargins GrossMargin { get; init; }

    /// <summary>The headline figures a baseline and a weekly point keep.</summary>
    public KpiValues Values => new(InvoiceErrorRate.Rate, UnbilledLabour.Value, GrossMargin.Overall.GrossMargin);
}

/// <summary>Invoices dated in the period with at least one confirmed error, of all invoices dated in the period.</summary>
public sealed record InvoiceErrorRate(int Invoices, int InvoicesWithErrors, decimal? Rate, IReadOnlyList<int> InvoiceIdsWithErrors);

/// <summary>Labour delivered and not billed: the money at risk of the labour findings, in total and per category.</summary>
public sealed record UnbilledLabour(Money Value, IReadOnlyList<CategoryAmount> ByCategory);

public sealed record CategoryAmount(LeakageKind Category, int Findings, Money Amount);

public sealed record GrossMargins(MarginLine Overall, IReadOnlyList<MarginLine> ByAgreement, IReadOnlyList<MarginLine> ByCustomer, IReadOnlyList<MarginLine> ByServiceLine);

/// <summary>The headline value of each KPI: lower is better for the first two, higher for the margin.</summary>
public sealed record KpiValues(decimal? InvoiceErrorRate, Money UnbilledLabourValue, decimal? GrossMargin);
