using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// Invoicing as ConnectWise does it: agreement invoices on the first of each month (fee plus billable additions),
/// and one time invoice per customer for each closed month. The current month is approved and waiting for its
/// batch; its last days are still awaiting approval. Then the leakage that lives on invoices.
/// </summary>
internal sealed partial class DemoBuilder
{
    private int[] _agreementInvoices = [];

    private void BuildInvoices()
    {
        var months = _options.Months;
        var companies = _companies.Count;
        var approvalCutoff = At(_periodEnd.AddDays(-2), 0);
        var groups = new List<int>?[months * companies];
        for (var i = 0; i < _entryCount; i++)
        {
            ref var e = ref _entries[i];
            if ((e.Marks & EntryMarks.StatusFixed) != 0)
            {
                continue;
            }

            var month = MonthIndex(DateOf(e.TimeStart));
            if (month == LastMonth)
            {
                if (e.TimeStart >= approvalCutoff)
                {
                    e.Approved = false;
                    e.Status = i % 2 == 0 ? TimeEntryStatus.Open : TimeEntryStatus.PendingApproval;
                }
                else
                {
                    e.Status = e.BillableOption == BillableOption.DoNotBill ? TimeEntryStatus.WrittenOff : TimeEntryStatus.ReadyToBill;
                }
            }
            else if (e.BillableOption == BillableOption.DoNotBill)
            {
                e.Status = TimeEntryStatus.WrittenOff;
            }
            else if (e.Covered)
            {
                e.Status = TimeEntryStatus.BilledAgreement;
            }
            else
            {
                e.Status = TimeEntryStatus.Billed;
                (groups[(month * companies) + e.CompanyId - 1] ??= []).Add(i);
            }
        }

        _agreementInvoices = new int[_agreements.Count * months];
        Array.Fill(_agreementInvoices, -1);
        for (var m = 0; m < months; m++)
        {
            for (var a = 0; a < _agreements.Count; a++)
            {
                AgreementInvoice(a, m);
            }

            for (var c = 0; m > 0 && c < companies; c++)
            {
                if (groups[((m - 1) * companies) + c] is { } entries)
                {
                    TimeInvoice(c + 1, _monthStarts[m], entries);
                }
            }
        }
    }

    private int NextInvoiceId => _invoices.Count + 1;

    private static string InvoiceNumber(int id) => $"INV-{100000 + id}";

    private void AgreementInvoice(int a, int month)
    {
        var agreement = AgreementOf(a);
        var date = _monthStarts[month];
        if (agreement.AgreementStatus != AgreementStatus.Active || !agreement.IsInTerm(date))
        {
            return;
        }

        var amount = agreement.ExpectedInvoiceAmount(date);
        if (amount.IsZero)
        {
            return;
        }

        var lines = new List<InvoiceLine>(agreement.Additions.Count + 1);
        if (!agreement.BillAmount.IsZero)
        {
            lines.Add(new InvoiceLine
            {
                Source = new SourceRef(EntityKind.Agreement, agreement.Id),
                Description = agreement.Name,
                Quantity = 1m,
                UnitPrice = agreement.BillAmount,
                Amount = agreement.BillAmount,
            });
        }

        foreach (var addition in agreement.Additions)
        {
            if (addition.IsBillableOn(date))
            {
                lines.Add(AdditionLine(addition));
            }
        }

        var id = NextInvoiceId;
        _agreementInvoices[(a * _options.Months) + month] = id - 1;
        _invoices.Add(new Invoice
        {
            Id = id,
            InvoiceNumber = InvoiceNumber(id),
            Type = InvoiceType.Agreement,
            ApplyToType = ApplyToType.Agreement,
            ApplyToId = agreement.Id,
            CompanyId = agreement.CompanyId,
            AgreementId = agreement.Id,
            Date = date,
            AgreementAmount = amount,
            Subtotal = amount,
            Total = amount,
            Lines = lines,
        });
    }

    private static InvoiceLine AdditionLine(AgreementAddition addition) => new()
    {
        Source = new SourceRef(EntityKind.AgreementAddition, addition.Id),
        Description = addition.Product,
        Quantity = addition.Quantity,
        UnitPrice = addition.UnitPrice,
        Amount = addition.ExtPrice,
    };

    private void TimeInvoice(int companyId, DateOnly date, List<int> entries)
    {
        var id = NextInvoiceId;
        var lines = new List<InvoiceLine>(entries.Count);
        var total = Money.Zero;
        foreach (var i in entries)
        {
            ref var e = ref _entries[i];
            e.InvoiceId = id;
            var line = TimeLine(i);
            total += line.Amount;
            lines.Add(line);
        }

        _invoices.Add(new Invoice
        {
            Id = id,
            InvoiceNumber = InvoiceNumber(id),
            Type = InvoiceType.Standard,
            ApplyToType = ApplyToType.All,
            CompanyId = companyId,
            Date = date,
            ServiceTotal = total,
            Subtotal = total,
            Total = total,
            Lines = lines,
        });
    }

    /// <summary>A time line: NoCharge time shows at zero, billable time at its rate.</summary>
    private InvoiceLine TimeLine(int i)
    {
        ref var e = ref _entries[i];
        var noCharge = e.BillableOption == BillableOption.NoCharge;
        return new InvoiceLine
        {
            Source = EntryRef(i),
            Description = WorkTypeOf(e.WorkTypeId).Name,
            Quantity = e.Hours.Value,
            UnitPrice = noCharge ? Money.Zero : e.HourlyRate,
            Amount = noCharge ? Money.Zero : e.ChargeableAmount,
        };
    }

    private void InjectIntoInvoices()
    {
        for (var k = 0; k < _options.CasesPerCheck; k++)
        {
            LabourOnTwoInvoices();
            AdditionBilledTwice();
            AgreementAmountDrift();
            AdditionNotInvoiced();
        }
    }

    private void LabourOnTwoInvoices()
    {
        var i = FindEntry(LeakageChecks.LabourOnTwoInvoices, i => IsChargeable(i) && _entries[i].Status == TimeEntryStatus.Billed && _entries[i].InvoiceId > 0);
        ref var e = ref Entry(i);
        var first = _invoices[e.InvoiceId - 1];
        var line = TimeLine(i);
        var id = NextInvoiceId;
        _invoices.Add(new Invoice
        {
            Id = id,
            InvoiceNumber = InvoiceNumber(id),
            Type = InvoiceType.Standard,
            ApplyToType = ApplyToType.Ticket,
            ApplyToId = e.ChargeToId,
            CompanyId = e.CompanyId,
            Date = first.Date.AddDays(7),
            ServiceTotal = line.Amount,
            Subtotal = line.Amount,
            Total = line.Amount,
            Lines = [line],
        });
        RecordEntry(
            LeakageChecks.LabourOnTwoInvoices,
            i,
            line.Amount,
            $"{Describe(i)} is billed on invoice {first.InvoiceNumber} and again on {InvoiceNumber(id)}.",
            new SourceRef(EntityKind.Invoice, first.Id),
            new SourceRef(EntityKind.Invoice, id));
    }

    private void AdditionBilledTwice()
    {
        var a = PickAgreement(LeakageChecks.AdditionBilledTwice, a =>
            !_taintedAgreements.Contains(a)
            && _agreementInvoices[(a * _options.Months) + LastMonth] is var index and >= 0
            && _invoices[index].Lines.Any(l => l.Source?.Kind == EntityKind.AgreementAddition));
        _taintedAgreements.Add(a);
        var invoice = _invoices[_agreementInvoices[(a * _options.Months) + LastMonth]];
        var line = invoice.Lines.First(l => l.Source?.Kind == EntityKind.AgreementAddition);
        var id = NextInvoiceId;
        var agreement = AgreementOf(a);
        _invoices.Add(new Invoice
        {
            Id = id,
            InvoiceNumber = InvoiceNumber(id),
            Type = InvoiceType.Miscellaneous,
            ApplyToType = ApplyToType.Agreement,
            ApplyToId = agreement.Id,
            CompanyId = agreement.CompanyId,
            AgreementId = agreement.Id,
            Date = invoice.Date.AddDays(3),
            ProductTotal = line.Amount,
            Subtotal = line.Amount,
            Total = line.Amount,
            Lines = [line],
        });
        Record(
            LeakageChecks.AdditionBilledTwice,
            [line.Source!, new SourceRef(EntityKind.Invoice, invoice.Id), new SourceRef(EntityKind.Invoice, id)],
            agreement.CompanyId,
            a,
            Hours.Zero,
            line.Amount,
            $"Addition {line.Source!.Id} ({line.Description}) of {agreement.Name} is billed on {invoice.InvoiceNumber} and again on {InvoiceNumber(id)} for {invoice.Date:yyyy-MM}.");
    }

    /// <summary>The fee went up after last month's invoice; this month's agreement invoice still bills the old fee.</summary>
    private void AgreementAmountDrift()
    {
        var a = PickAgreement(LeakageChecks.AgreementAmountDrift, a =>
            AgreementOf(a) is { TypeId: ManagedServices, AgreementStatus: AgreementStatus.Active }
            && !_taintedAgreements.Contains(a)
            && HasEveryAgreementInvoice(a));
        _taintedAgreements.Add(a);
        var old = AgreementOf(a);
        var delta = new Money(Math.Max(100m, Math.Round(old.BillAmount.Amount * 0.1m / 50m) * 50m));
        var changed = At(_monthStarts[LastMonth - 1].AddDays(14), 10 * 60);
        var agreement = _agreements[a] = old with { BillAmount = old.BillAmount + delta, LastUpdated = changed };
        var invoice = _invoices[_agreementInvoices[(a * _options.Months) + LastMonth]];
        Record(
            LeakageChecks.AgreementAmountDrift,
            [AgreementRef(a), new SourceRef(EntityKind.Invoice, invoice.Id)],
            agreement.CompanyId,
            a,
            Hours.Zero,
            delta,
            $"{agreement.Name}'s fee changed from {old.BillAmount} to {agreement.BillAmount} on {changed:yyyy-MM-dd}; invoice {invoice.InvoiceNumber} of {invoice.Date:yyyy-MM-dd} still bills the old fee.");
    }

    /// <summary>An addition starts after last month's invoice; this month's agreement invoice leaves it out.</summary>
    private void AdditionNotInvoiced()
    {
        var a = PickAgreement(LeakageChecks.AdditionNotInvoiced, a =>
            AgreementOf(a) is { TypeId: ManagedServices or PerDevice, AgreementStatus: AgreementStatus.Active }
            && !_taintedAgreements.Contains(a)
            && HasEveryAgreementInvoice(a));
        _taintedAgreements.Add(a);
        var old = AgreementOf(a);
        var addition = Addition(old.Id, "MANAGED-FIREWALL", 1 + _random.Next(3), 95m, 40m, BillableOption.Billable, _monthStarts[LastMonth - 1].AddDays(9));
        var agreement = _agreements[a] = old with { Additions = [.. old.Additions, addition] };
        var invoice = _invoices[_agreementInvoices[(a * _options.Months) + LastMonth]];
        Record(
            LeakageChecks.AdditionNotInvoiced,
            [new SourceRef(EntityKind.AgreementAddition, addition.Id), new SourceRef(EntityKind.Invoice, invoice.Id)],
            agreement.CompanyId,
            a,
            Hours.Zero,
            addition.ExtPrice,
            $"Addition {addition.Id} ({addition.Quantity} x {addition.Product} at {addition.UnitPrice}) on {agreement.Name} is effective from {addition.EffectiveDate:yyyy-MM-dd}, but invoice {invoice.InvoiceNumber} of {invoice.Date:yyyy-MM-dd} does not bill it.");
    }

    private bool HasEveryAgreementInvoice(int a)
    {
        for (var m = 0; m < _options.Months; m++)
        {
            if (_agreementInvoices[(a * _options.Months) + m] < 0)
            {
                return false;
            }
        }

        return true;
    }
}
