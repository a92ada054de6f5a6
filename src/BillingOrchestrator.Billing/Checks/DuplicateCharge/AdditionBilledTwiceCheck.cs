using BillingOrchestrator.Billing.Invoices;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.AdditionBilledTwice"/>: an agreement addition billed by more than one invoice line
/// (outside credit memos) in the same calendar month, the agreements' invoicing period. The lines after the first are at risk.
/// </summary>
public sealed class AdditionBilledTwiceCheck() : BillingCheck(
    LeakageChecks.AdditionBilledTwice,
    Severity.Critical,
    SuggestedDisposition.FixInPsa,
    "A recurring product on an agreement (licences, devices, services) was billed twice for the same month: the customer has been overcharged and will dispute it. The repeated lines are at risk until they are credited.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        foreach (var ((additionId, month), lines) in context.AdditionLines.OrderBy(p => p.Key.AdditionId).ThenBy(p => p.Key.Month))
        {
            if (lines.Count < 2)
            {
                continue;
            }

            var first = context.Invoices[lines[0].Invoice];
            var (agreementId, companyId, name) = context.Additions.TryGetValue(additionId, out var known)
                ? (context.Agreements[known.Agreement].Id, context.Agreements[known.Agreement].CompanyId, known.Addition.Product)
                : (first.AgreementId, first.CompanyId, context.LineAt(lines[0]).Description);
            if (!sink.Includes(companyId, agreementId))
            {
                continue;
            }

            var amount = Money.Zero;
            for (var k = 1; k < lines.Count; k++)
            {
                amount += context.LineAt(lines[k]).Amount;
            }

            var invoices = new List<Invoice>(lines.Count);
            foreach (var line in lines)
            {
                if (!invoices.Contains(context.Invoices[line.Invoice]))
                {
                    invoices.Add(context.Invoices[line.Invoice]);
                }
            }

            var records = new List<SourceRef>(invoices.Count + 1) { new(EntityKind.AgreementAddition, additionId) };
            records.AddRange(invoices.Select(i => new SourceRef(EntityKind.Invoice, i.Id)));
            Report(
                sink,
                companyId,
                agreementId,
                null,
                records,
                [],
                Hours.Zero,
                amount,
                $"Addition {additionId} ({name}) is billed {lines.Count} times for {first.Date:yyyy-MM}, on {string.Join(", ", invoices.Select(i => i.InvoiceNumber))}; {amount} billed twice.");
        }
    }
}
