namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.AdditionNotInvoiced"/>: an agreement invoice whose date falls in an addition's billable
/// span (billable, effective, not cancelled) while no invoice line bills that addition in the invoice's month.
/// </summary>
public sealed class AdditionNotInvoicedCheck() : BillingCheck(
    LeakageChecks.AdditionNotInvoiced,
    Severity.High,
    SuggestedDisposition.Bill,
    "A recurring product was added to the agreement (new devices, licences, services) but the agreement invoice does not bill it: the customer gets it for free until someone notices. Its extended price for the month is lost.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        foreach (var v in context.AgreementInvoices)
        {
            var invoice = context.Invoices[v];
            var agreement = context.Agreements[context.FindAgreement(invoice.AgreementId!.Value)];
            if (!sink.Includes(agreement.CompanyId, agreement.Id))
            {
                continue;
            }

            var month = CheckContext.MonthOf(invoice.Date);
            foreach (var addition in agreement.Additions)
            {
                if (!addition.IsBillableOn(invoice.Date) || addition.ExtPrice <= Money.Zero || context.AdditionLines.ContainsKey((addition.Id, month)))
                {
                    continue;
                }

                Report(
                    sink,
                    agreement.CompanyId,
                    agreement.Id,
                    null,
                    [new SourceRef(EntityKind.AgreementAddition, addition.Id), new SourceRef(EntityKind.Invoice, invoice.Id)],
                    [],
                    Hours.Zero,
                    addition.ExtPrice,
                    $"Addition {addition.Id} ({addition.Quantity} x {addition.Product} at {addition.UnitPrice}) on {agreement.Name} is billable on {invoice.Date:yyyy-MM-dd}, but invoice {invoice.InvoiceNumber} does not bill it; {addition.ExtPrice} unbilled.");
            }
        }
    }
}
