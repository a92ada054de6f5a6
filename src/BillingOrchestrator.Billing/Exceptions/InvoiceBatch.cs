namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>
/// The invoice batch of one monthly cycle: it may be released only when every exception in its scope has a final
/// disposition; releasing it records the accounting export (billable lines and write-offs) as evidence.
/// </summary>
public sealed class InvoiceBatch
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The workflow activity that opened the batch; the export is filed as that step's evidence.</summary>
    public required string ActivityId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool Released { get; private set; }

    public string? ReleasedBy { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public string? ExportSha256 { get; private set; }

    public string? WriteOffSha256 { get; private set; }

    public int BillableLines { get; private set; }

    public long BillableCents { get; private set; }

    public int WriteOffs { get; private set; }

    public long WriteOffCents { get; private set; }

    public void Release(string actor, DateTimeOffset now, string exportSha256, string writeOffSha256, IReadOnlyList<BillingException> billed, IReadOnlyList<BillingException> writtenOff)
    {
        if (Released)
        {
            throw new ExceptionStateException($"Invoice batch {Id} was already released by {ReleasedBy}.");
        }

        Released = true;
        ReleasedBy = actor;
        ReleasedAt = now;
        ExportSha256 = exportSha256;
        WriteOffSha256 = writeOffSha256;
        BillableLines = billed.Count;
        BillableCents = billed.Sum(e => e.AmountCents);
        WriteOffs = writtenOff.Count;
        WriteOffCents = writtenOff.Sum(e => e.AmountCents);
    }
}
