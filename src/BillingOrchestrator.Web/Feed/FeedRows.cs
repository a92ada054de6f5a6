namespace BillingOrchestrator.Web.Feed;

// Flat rows for Power BI, the CSV and the Parquet exports: plain numbers and names, one shape for all three.

/// <summary>A dated piece of leakage (see docs/kpis.md): unbilled labour, a write-off or agreement overrun.</summary>
public sealed class LeakageFactRow
{
    public required string Id { get; init; }

    public required string Measure { get; init; }

    public DateOnly Date { get; init; }

    /// <summary>The Monday of the fact's week.</summary>
    public DateOnly WeekStart { get; init; }

    public int CompanyId { get; init; }

    public required string Company { get; init; }

    public int? AgreementId { get; init; }

    public required string ServiceLine { get; init; }

    public decimal Amount { get; init; }

    public decimal Hours { get; init; }

    public string? CheckId { get; init; }

    public int TimeEntries { get; init; }
}

/// <summary>A finding of the latest recorded validation run.</summary>
public sealed class FindingRow
{
    public required string Id { get; init; }

    public required string RunId { get; init; }

    public int Sequence { get; init; }

    public required string CheckId { get; init; }

    public required string Category { get; init; }

    public required string Severity { get; init; }

    public int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public string? ServiceLine { get; init; }

    public decimal Hours { get; init; }

    public decimal AmountAtRisk { get; init; }

    public required string Message { get; init; }

    public required string SourceLink { get; init; }
}

/// <summary>A KPI baseline or weekly point.</summary>
public sealed class KpiPointRow
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string BaselineId { get; init; }

    public int Week { get; init; }

    public DateTime RecordedAt { get; init; }

    public decimal? InvoiceErrorRate { get; init; }

    public decimal UnbilledLabourValue { get; init; }

    public decimal? GrossMargin { get; init; }
}

public sealed class AgreementRow
{
    public int Id { get; init; }

    public required string Name { get; init; }

    public int CompanyId { get; init; }

    public required string Company { get; init; }

    public int TypeId { get; init; }

    public required string Type { get; init; }

    public required string Status { get; init; }

    public DateOnly StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public decimal BillAmount { get; init; }

    public decimal? IncludedHours { get; init; }

    public required string SourceLink { get; init; }
}

public sealed class TimeEntryRow
{
    public int Id { get; init; }

    public int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public int? TicketId { get; init; }

    public int MemberId { get; init; }

    public int WorkTypeId { get; init; }

    public int WorkRoleId { get; init; }

    public DateOnly Date { get; init; }

    public decimal ActualHours { get; init; }

    public decimal HoursBilled { get; init; }

    public decimal AgreementHours { get; init; }

    public required string BillableOption { get; init; }

    public required string Status { get; init; }

    public decimal HourlyRate { get; init; }

    public decimal ChargeableAmount { get; init; }

    public int? InvoiceId { get; init; }

    public required string SourceLink { get; init; }
}

/// <summary>A billing exception (playbook step 4) with its routing and disposition, as it stands now.</summary>
public sealed class ExceptionRow
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string RunId { get; init; }

    public int FindingSequence { get; init; }

    public required string CheckId { get; init; }

    public required string Category { get; init; }

    public required string Severity { get; init; }

    public int CompanyId { get; init; }

    public required string Company { get; init; }

    public int? AgreementId { get; init; }

    public string? ServiceLine { get; init; }

    public string? CustomerOwner { get; init; }

    public decimal Amount { get; init; }

    public required string Message { get; init; }

    public required string RoutedRole { get; init; }

    public required string Status { get; init; }

    /// <summary>bill, write-off, reclassify, accept-as-covered or fix-in-psa; null while undecided.</summary>
    public string? Disposition { get; init; }

    public string? Reason { get; init; }

    public string? DecidedBy { get; init; }

    public DateTime? DecidedAt { get; init; }

    public string? ConfirmedBy { get; init; }

    public DateTime? ConfirmedAt { get; init; }

    public DateTime CreatedAt { get; init; }

    public required string SourceLink { get; init; }

    public required string FindingLink { get; init; }
}
