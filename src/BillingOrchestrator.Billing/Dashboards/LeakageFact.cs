namespace BillingOrchestrator.Billing.Dashboards;

/// <summary>
/// One dated piece of leakage: labour not billed (a labour finding), time written off, or hours an agreement used
/// beyond what it includes. The grain of the weekly dashboard, the OData feed and the exports.
/// </summary>
public sealed record LeakageFact
{
    public const string UnbilledLabour = "unbilled-labour";
    public const string WriteOff = "write-off";
    public const string AgreementOverrun = "agreement-overrun";

    /// <summary>Stable for the same data: the measure and the record it comes from.</summary>
    public required string Id { get; init; }

    public required string Measure { get; init; }

    public required DateOnly Date { get; init; }

    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    /// <summary>The ticket board of the work; <c>No ticket</c> for time not charged to a ticket.</summary>
    public required string ServiceLine { get; init; }

    public required Money Amount { get; init; }

    public required Hours Hours { get; init; }

    /// <summary>The finding's check, for unbilled labour.</summary>
    public string? CheckId { get; init; }

    public IReadOnlyList<int> TimeEntryIds { get; init; } = [];
}
