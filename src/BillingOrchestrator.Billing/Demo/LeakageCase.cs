using BillingOrchestrator.Billing.Checks;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>One injected leakage: which check should find it, the records involved and the money at risk.</summary>
public sealed record LeakageCase
{
    public required LeakageKind Kind { get; init; }

    /// <summary>One of <see cref="LeakageChecks"/>.</summary>
    public required string CheckId { get; init; }

    public required IReadOnlyList<SourceRef> Records { get; init; }

    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public required Hours Hours { get; init; }

    public required Money AmountAtRisk { get; init; }

    public required string Explanation { get; init; }
}
