namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// One validation run, ready to be recorded durably: what was checked (snapshot hash, period, catalog and coding
/// standard state), with which parameters and scope, how long it took, and the findings in a deterministic order
/// (check id, company, agreement, first record) with totals. The same snapshot, catalog, standard, options and
/// scope always give the same findings and hash.
/// </summary>
public sealed record ValidationResult
{
    /// <summary>Lower-case hex SHA-256 of the snapshot's canonical JSON (<see cref="SnapshotHasher"/>).</summary>
    public required string SnapshotHash { get; init; }

    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    public required ValidationOptions Options { get; init; }

    public required ValidationScope Scope { get; init; }

    /// <summary>Version of the coding standard the entries were judged by.</summary>
    public required int CodingStandardVersion { get; init; }

    /// <summary>Time entries in the snapshot (every check reads all of them, whatever the scope).</summary>
    public required int TimeEntriesChecked { get; init; }

    /// <summary>Ids of the checks that ran, in <see cref="LeakageChecks"/> order.</summary>
    public required IReadOnlyList<string> ChecksRun { get; init; }

    /// <summary>Wall-clock time of the run, hashing included when the hash was computed here.</summary>
    public required TimeSpan Duration { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Count and money at risk per category, every category listed, in <see cref="LeakageKind"/> order.</summary>
    public required IReadOnlyList<CategoryTotal> Totals { get; init; }

    /// <summary>Count and money at risk per check that ran, in <see cref="LeakageChecks"/> order.</summary>
    public required IReadOnlyList<CheckTotal> CheckTotals { get; init; }

    public Money TotalAmountAtRisk => Totals.Aggregate(Money.Zero, (sum, t) => sum + t.AmountAtRisk);
}
