namespace BillingOrchestrator.Persistence.Billing;

/// <summary>A stored PSA record (see <see cref="BillingOrchestrator.Billing.Sync.PsaRecord"/>): key (entity, id), filters, and the domain JSON.</summary>
public sealed class PsaRecordRow
{
    public required string Entity { get; init; }

    public int Id { get; init; }

    public int? CompanyId { get; set; }

    public int? AgreementId { get; set; }

    public DateTimeOffset? LastUpdated { get; set; }

    public required string DataJson { get; set; }

    /// <summary>Where the record came from: <c>connectwise</c>, <c>export</c>, <c>csv</c> or <c>demo</c>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>The incremental-sync position per entity kind, moved in the same transaction as the records it covers.</summary>
public sealed class PsaCursorRow
{
    public required string Entity { get; init; }

    public DateTimeOffset Cursor { get; set; }
}

/// <summary>One published version of an agreement type's billing rule set (the domain record as JSON).</summary>
public sealed class CatalogRuleSetRow
{
    public int AgreementTypeId { get; init; }

    public int Version { get; init; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public required string ApprovedBy { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }

    public required string DataJson { get; set; }
}

/// <summary>One published version of an agreement's rule override.</summary>
public sealed class CatalogOverrideRow
{
    public int AgreementId { get; init; }

    public int Version { get; init; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public required string ApprovedBy { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }

    public required string DataJson { get; set; }
}

/// <summary>The accountable owner of an enrolled agreement.</summary>
public sealed class CatalogOwnerRow
{
    public int AgreementId { get; init; }

    public required string Owner { get; set; }

    public required string EnrolledBy { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }
}

/// <summary>One version of the time-entry coding standard.</summary>
public sealed class CodingStandardRow
{
    public int Version { get; init; }

    public required string ApprovedBy { get; init; }

    public DateTimeOffset ApprovedAt { get; init; }

    public required string DataJson { get; init; }
}

/// <summary>Small product settings, such as the MSP's own company id in PSA.</summary>
public sealed class BillingSettingRow
{
    public required string Key { get; init; }

    public required string Value { get; set; }
}

/// <summary>One run of a ConnectWise sync or an export import: when, by whom, whether it succeeded, and its full report.</summary>
public sealed class PsaSyncRow
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public bool Succeeded { get; init; }

    public required string StartedBy { get; init; }

    public required string ReportJson { get; init; }
}

/// <summary>A recorded validation run: parameters, scope, the hash of its input snapshot, duration and totals.</summary>
public sealed class ValidationRunRow
{
    public required string Id { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public long DurationMs { get; init; }

    public required string StartedBy { get; init; }

    public required string SnapshotHash { get; init; }

    public int FindingCount { get; init; }

    /// <summary>Options, scope, period, checks run and totals per category and check, as JSON.</summary>
    public required string SummaryJson { get; init; }
}

/// <summary>One finding of a run, with the columns it is filtered by and the whole finding as JSON.</summary>
public sealed class ValidationFindingRow
{
    public required string RunId { get; init; }

    public int Sequence { get; init; }

    public required string CheckId { get; init; }

    public required string Category { get; init; }

    public required string Severity { get; init; }

    public int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public required string FindingJson { get; init; }
}
