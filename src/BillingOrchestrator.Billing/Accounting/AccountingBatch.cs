namespace BillingOrchestrator.Billing.Accounting;

/// <summary>A released invoice batch as the accounting platform receives it: the lines billed and the lines written off.</summary>
public sealed record AccountingBatch(string BatchId, DateOnly Date, IReadOnlyList<AccountingLine> Billed, IReadOnlyList<AccountingLine> WrittenOff)
{
    /// <summary>A short, stable part of the batch id for document numbers (the random tail of a version 7 GUID).</summary>
    public string ShortId => BatchId.Length <= 8 ? BatchId : BatchId[^8..];

    /// <summary>One invoice per customer, numbered in customer order; lines by exception id.</summary>
    public IReadOnlyList<(string Number, IReadOnlyList<AccountingLine> Lines)> Invoices(string prefix) =>
        [.. Billed.GroupBy(l => l.CompanyId)
            .OrderBy(g => g.First().Customer, StringComparer.Ordinal).ThenBy(g => g.Key)
            .Select((g, i) => ($"{prefix}{ShortId}-{i + 1:D3}", (IReadOnlyList<AccountingLine>)[.. g.OrderBy(l => l.ExceptionId, StringComparer.Ordinal)]))];
}
