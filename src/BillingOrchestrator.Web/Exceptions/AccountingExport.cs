using System.Globalization;
using System.Text;
using BillingOrchestrator.Billing.Accounting;
using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// The accounting export of a released batch: one CSV of billable lines and one of write-offs, each line carrying the
/// decision, its approvers and the source record, so the accounting platform can post it and an auditor can trace it.
/// </summary>
public static class AccountingExport
{
    private const string Header = "exception_id,company_id,agreement_id,service_line,category,check_id,amount,currency,disposition,reason,decided_by,confirmed_by,finding,source";

    public static byte[] Csv(IEnumerable<BillingException> exceptions)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in exceptions.OrderBy(e => e.CompanyId).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            string[] fields =
            [
                e.Id, e.CompanyId.ToString(CultureInfo.InvariantCulture), e.AgreementId?.ToString(CultureInfo.InvariantCulture) ?? "", e.ServiceLine ?? "",
                e.Category, e.CheckId, e.Amount.ToString("0.00", CultureInfo.InvariantCulture), "USD", e.Disposition?.ToString() ?? "",
                e.Reason ?? "", e.DecidedBy ?? "", e.ConfirmedBy ?? "", ExceptionView.FindingLinkOf(e), e.SourceLinks.FirstOrDefault() ?? "",
            ];
            text.AppendJoin(',', fields.Select(CsvCell.Text)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
