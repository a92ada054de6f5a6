using System.Globalization;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>The API paths the product reads, relative to <see cref="ConnectWiseOptions.GetBaseAddress"/>.</summary>
public static class ConnectWiseEndpoints
{
    public const string Companies = "company/companies";
    public const string Members = "system/members";
    public const string WorkTypes = "time/workTypes";
    public const string WorkRoles = "time/workRoles";
    public const string AgreementTypes = "finance/agreementTypes";
    public const string Agreements = "finance/agreements";
    public const string Tickets = "service/tickets";
    public const string TimeEntries = "time/entries";
    public const string Invoices = "finance/invoices";

    public static string AgreementAdditions(int agreementId) => Agreement(agreementId, "additions");

    public static string AgreementWorkTypeExclusions(int agreementId) => Agreement(agreementId, "workTypeExclusions");

    public static string AgreementWorkRoleExclusions(int agreementId) => Agreement(agreementId, "workRoleExclusions");

    public static string AgreementWorkTypes(int agreementId) => Agreement(agreementId, "workTypes");

    public static string AgreementWorkRoles(int agreementId) => Agreement(agreementId, "workRoles");

    private static string Agreement(int agreementId, string child) =>
        string.Create(CultureInfo.InvariantCulture, $"{Agreements}/{agreementId}/{child}");
}
