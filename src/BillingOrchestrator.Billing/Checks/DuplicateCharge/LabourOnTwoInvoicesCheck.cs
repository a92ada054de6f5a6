using BillingOrchestrator.Billing.Invoices;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.LabourOnTwoInvoices"/>: a time entry billed by more than one invoice line outside credit
/// memos, net of credit memos reversing it. The lines after the first are at risk.
/// </summary>
public sealed class LabourOnTwoInvoicesCheck() : BillingCheck(
    LeakageChecks.LabourOnTwoInvoices,
    Severity.Critical,
    SuggestedDisposition.FixInPsa,
    "The same time entry appears on more than one invoice: the customer has been billed twice for the same labour and will dispute it. The amount of the repeated invoice lines is at risk until it is credited.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        foreach (var entryIndex in context.EntryRepeatedLines.Keys.Order())
        {
            var lines = context.EntryRepeatedLines[entryIndex];
            var excess = lines.Count - 1 - context.EntryCredits.GetValueOrDefault(entryIndex);
            if (excess <= 0 || !InScope(context, sink, entryIndex))
            {
                continue;
            }

            var amount = Money.Zero;
            var quantity = 0m;
            for (var k = lines.Count - excess; k < lines.Count; k++)
            {
                var line = context.LineAt(lines[k]);
                amount += line.Amount;
                quantity += line.Quantity;
            }

            var invoices = new List<Invoice>(lines.Count);
            foreach (var line in lines)
            {
                if (!invoices.Contains(context.Invoices[line.Invoice]))
                {
                    invoices.Add(context.Invoices[line.Invoice]);
                }
            }

            ReportEntry(
                context,
                sink,
                entryIndex,
                new Hours(quantity),
                amount,
                $"{context.Describe(entryIndex)} is billed {lines.Count} times, on {string.Join(", ", invoices.Select(i => i.InvoiceNumber))}; {amount} billed twice.",
                [.. invoices.Select(i => new SourceRef(EntityKind.Invoice, i.Id))]);
        }
    }
}
