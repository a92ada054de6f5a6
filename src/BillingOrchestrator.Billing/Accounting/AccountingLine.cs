using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Billing.Accounting;

/// <summary>
/// One dispositioned exception as the accounting files carry it: the customer, the money, the decision and every link
/// back to where it came from (the exception, its agreement, the ConnectWise record and the validation finding).
/// </summary>
public sealed record AccountingLine(
    string ExceptionId,
    int CompanyId,
    string Customer,
    int? AgreementId,
    string? ServiceLine,
    string Category,
    decimal Amount,
    string Message,
    string? Reason,
    string? DecidedBy,
    string? ConfirmedBy,
    string ConnectWiseLink,
    string FindingLink)
{
    /// <summary>The line of a closed exception; <paramref name="customer"/> is the company's name (its id when unknown).</summary>
    public static AccountingLine From(BillingException exception, string? customer, string findingLink) => new(
        exception.Id,
        exception.CompanyId,
        string.IsNullOrWhiteSpace(customer) ? $"Company {exception.CompanyId}" : customer,
        exception.AgreementId,
        exception.ServiceLine,
        exception.Category,
        exception.Amount,
        exception.Message,
        exception.Reason,
        exception.DecidedBy,
        exception.ConfirmedBy,
        exception.SourceLinks.FirstOrDefault() ?? "",
        findingLink);

    /// <summary>What the line says about where it came from, for formats whose only free text is a description.</summary>
    public string SourceText =>
        $"exception {ExceptionId}{(AgreementId is { } agreement ? $"; agreement {agreement}" : "")}; ConnectWise {(ConnectWiseLink.Length > 0 ? ConnectWiseLink : "n/a")}";
}
