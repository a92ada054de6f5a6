using System.Text;

namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// The write-off journal: for every exception dispositioned as a write-off, one balanced journal entry (a debit to the
/// write-off account and a credit to the unbilled revenue account, same amount), with the reason, who decided and
/// confirmed it, the exception id and the ConnectWise record it is about.
/// </summary>
public static class WriteOffJournalCsv
{
    public static readonly IReadOnlyList<string> Headers =
        ["JournalNo", "JournalDate", "Account", "Debit", "Credit", "Memo", "Name", "ExceptionId", "AgreementId", "ConnectWiseLink", "FindingLink"];

    public static string Write(AccountingBatch batch, AccountingFormatOptions options)
    {
        var text = new StringBuilder().Row(Headers);
        var date = CsvCell.Date(batch.Date, options.JournalDateFormat);
        var number = 0;
        foreach (var line in batch.WrittenOff.OrderBy(l => l.ExceptionId, StringComparer.Ordinal))
        {
            var journal = CsvCell.Text($"WO-{batch.ShortId}-{++number:D3}");
            var approvals = line.ConfirmedBy is null ? $"by {line.DecidedBy}" : $"by {line.DecidedBy}, confirmed by {line.ConfirmedBy}";
            var memo = CsvCell.Text($"Write-off ({line.Category}) {approvals}: {line.Reason}");
            var agreement = line.AgreementId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
            string[] source = [CsvCell.Text(line.Customer), CsvCell.Text(line.ExceptionId), agreement, CsvCell.Text(line.ConnectWiseLink), CsvCell.Text(line.FindingLink)];
            text.Row([journal, date, CsvCell.Text(options.WriteOffDebitAccount), CsvCell.Money(line.Amount), "", memo, .. source]);
            text.Row([journal, date, CsvCell.Text(options.WriteOffCreditAccount), "", CsvCell.Money(line.Amount), memo, .. source]);
        }

        return text.ToString();
    }
}
