namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// One thing a check found: what, where (company, agreement, service line), the records involved, the hours and the
/// money at risk computed from the rates in force, a one-line explanation and a suggested disposition. JSON names
/// (through <see cref="Serialization.BillingJson"/>) are camelCase: <c>checkId</c>, <c>category</c>,
/// <c>amountAtRisk</c>, ...; the host turns <see cref="Records"/> into <c>sourceLinks</c>.
/// </summary>
public sealed record Finding
{
    /// <summary>One of <see cref="LeakageChecks"/>.</summary>
    public required string CheckId { get; init; }

    public required LeakageKind Category { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>The customer the money belongs to (the MSP itself for technician days).</summary>
    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    /// <summary>The ticket board (service line) of the work, when the finding is about ticket work.</summary>
    public string? ServiceLine { get; init; }

    /// <summary>Every ConnectWise record involved, most specific first: entries, tickets, additions, invoices, agreements, members.</summary>
    public required IReadOnlyList<SourceRef> Records { get; init; }

    public IReadOnlyList<int> TimeEntryIds { get; init; } = [];

    public required Hours Hours { get; init; }

    /// <summary>Money the MSP loses (or the customer is overbilled) if nothing is done, rounded to cents; zero when the finding is a record problem only.</summary>
    public required Money AmountAtRisk { get; init; }

    /// <summary>One line a finance lead can act on.</summary>
    public required string Message { get; init; }

    public required SuggestedDisposition SuggestedDisposition { get; init; }
}
