using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Invoices;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>Invoice lines indexed by the time entry and the agreement addition they bill.</summary>
public sealed partial class CheckContext
{
    /// <summary>The first line (outside credit memos) billing each entry; <see cref="LineRef.Invoice"/> -1 when none.</summary>
    internal LineRef[] EntryFirstLine { get; private set; } = [];

    /// <summary>Every billing line of entries billed more than once, in snapshot order, keyed by entry position.</summary>
    internal Dictionary<int, List<LineRef>> EntryRepeatedLines { get; } = [];

    /// <summary>How many credit-memo lines reverse each entry, keyed by entry position.</summary>
    internal Dictionary<int, int> EntryCredits { get; } = [];

    /// <summary>Lines (outside credit memos) billing an addition in a month (<see cref="MonthOf"/>).</summary>
    internal Dictionary<(int AdditionId, int Month), List<LineRef>> AdditionLines { get; } = [];

    /// <summary>Every addition of the snapshot's agreements by id, with its agreement's position.</summary>
    internal Dictionary<int, (int Agreement, AgreementAddition Addition)> Additions { get; } = [];

    /// <summary>Positions of agreement invoices whose agreement is in the snapshot, in snapshot order.</summary>
    internal List<int> AgreementInvoices { get; } = [];

    internal static int MonthOf(DateOnly date) => (date.Year * 12) + date.Month - 1;

    internal InvoiceLine LineAt(LineRef line) => Invoices[line.Invoice].Lines[line.Line];

    private void BuildInvoiceIndexes()
    {
        EntryFirstLine = new LineRef[Entries.Length];
        Array.Fill(EntryFirstLine, new LineRef(-1, -1));
        var entryIds = IdIndex.Build(Entries, e => e.Id);
        for (var a = 0; a < Agreements.Length; a++)
        {
            foreach (var addition in Agreements[a].Additions)
            {
                Additions.TryAdd(addition.Id, (a, addition));
            }
        }

        for (var v = 0; v < Invoices.Length; v++)
        {
            var invoice = Invoices[v];
            var credit = invoice.Type == InvoiceType.CreditMemo;
            if (invoice.Type == InvoiceType.Agreement && invoice.AgreementId is { } agreementId && FindAgreement(agreementId) >= 0)
            {
                AgreementInvoices.Add(v);
            }

            var lines = invoice.Lines;
            for (var l = 0; l < lines.Count; l++)
            {
                if (lines[l].Source is not { } source)
                {
                    continue;
                }

                if (source.Kind == EntityKind.TimeEntry && entryIds.Find(source.Id) is var entry and >= 0)
                {
                    if (credit)
                    {
                        EntryCredits[entry] = EntryCredits.GetValueOrDefault(entry) + 1;
                    }
                    else if (EntryFirstLine[entry].Invoice < 0)
                    {
                        EntryFirstLine[entry] = new LineRef(v, l);
                    }
                    else if (EntryRepeatedLines.TryGetValue(entry, out var repeated))
                    {
                        repeated.Add(new LineRef(v, l));
                    }
                    else
                    {
                        EntryRepeatedLines[entry] = [EntryFirstLine[entry], new LineRef(v, l)];
                    }
                }
                else if (source.Kind == EntityKind.AgreementAddition && !credit)
                {
                    var key = (source.Id, MonthOf(invoice.Date));
                    if (!AdditionLines.TryGetValue(key, out var billed))
                    {
                        AdditionLines[key] = billed = [];
                    }

                    billed.Add(new LineRef(v, l));
                }
            }
        }
    }
}
