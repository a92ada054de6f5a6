namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// <see cref="LeakageChecks.AgreementAmountDrift"/>: an agreement invoice dated after the agreement last changed that
/// bills its fee, or an addition it does bill, below what the agreement now says. Additions missing from the invoice
/// altogether are left to <see cref="AdditionNotInvoicedCheck"/>. An invoice whose lines name neither the agreement
/// nor its additions is judged on its agreement amount as a whole.
/// </summary>
public sealed class AgreementAmountDriftCheck() : BillingCheck(
    LeakageChecks.AgreementAmountDrift,
    Severity.High,
    SuggestedDisposition.Bill,
    "The agreement's fee or an addition's price or quantity changed, but the agreement invoice issued since still bills the old amount. The shortfall is lost every month until the invoice template is fixed.")
{
    public override void Run(CheckContext context, FindingSink sink)
    {
        foreach (var v in context.AgreementInvoices)
        {
            var invoice = context.Invoices[v];
            var agreement = context.Agreements[context.FindAgreement(invoice.AgreementId!.Value)];
            var changed = DateOnly.FromDateTime(agreement.LastUpdated.UtcDateTime);
            if (invoice.Date <= changed || !sink.Includes(agreement.CompanyId, agreement.Id))
            {
                continue;
            }

            var shortfall = Shortfall(invoice, agreement);
            if (shortfall <= Money.Zero)
            {
                continue;
            }

            Report(
                sink,
                agreement.CompanyId,
                agreement.Id,
                null,
                [new SourceRef(EntityKind.Agreement, agreement.Id), new SourceRef(EntityKind.Invoice, invoice.Id)],
                [],
                Hours.Zero,
                shortfall,
                $"{agreement.Name} changed on {changed:yyyy-MM-dd} (fee now {agreement.BillAmount}); invoice {invoice.InvoiceNumber} of {invoice.Date:yyyy-MM-dd} bills {invoice.AgreementAmount}, {shortfall} short.");
        }
    }

    private static Money Shortfall(Invoices.Invoice invoice, Agreements.Agreement agreement)
    {
        var fee = Money.Zero;
        var itemized = false;
        foreach (var line in invoice.Lines)
        {
            if (line.Source is { Kind: EntityKind.Agreement } source && source.Id == agreement.Id)
            {
                fee += line.Amount;
                itemized = true;
            }
            else if (line.Source is { Kind: EntityKind.AgreementAddition })
            {
                itemized = true;
            }
        }

        if (!itemized)
        {
            return agreement.ExpectedInvoiceAmount(invoice.Date) - invoice.AgreementAmount;
        }

        var shortfall = Money.Max(Money.Zero, agreement.BillAmount - fee);
        foreach (var addition in agreement.Additions)
        {
            if (!addition.IsBillableOn(invoice.Date))
            {
                continue;
            }

            var billed = Money.Zero;
            var onInvoice = false;
            foreach (var line in invoice.Lines)
            {
                if (line.Source is { Kind: EntityKind.AgreementAddition } source && source.Id == addition.Id)
                {
                    billed += line.Amount;
                    onInvoice = true;
                }
            }

            if (onInvoice)
            {
                shortfall += Money.Max(Money.Zero, addition.ExtPrice - billed);
            }
        }

        return shortfall;
    }
}
