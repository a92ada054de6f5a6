namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>The file names of an export folder. Each file is a JSON array of objects exactly as the API returns them.</summary>
public static class ConnectWiseExportFiles
{
    public const string Companies = "companies.json";
    public const string Members = "members.json";
    public const string WorkTypes = "work-types.json";
    public const string WorkRoles = "work-roles.json";
    public const string AgreementTypes = "agreement-types.json";
    public const string Agreements = "agreements.json";
    public const string AgreementAdditions = "agreement-additions.json";
    public const string AgreementWorkTypeExclusions = "agreement-work-type-exclusions.json";
    public const string AgreementWorkRoleExclusions = "agreement-work-role-exclusions.json";
    public const string Tickets = "tickets.json";
    public const string TimeEntries = "time-entries.json";
    public const string Invoices = "invoices.json";

    /// <summary>Optional: agreement-specific work type rates. Absent means none.</summary>
    public const string AgreementWorkTypes = "agreement-work-types.json";

    /// <summary>Optional: agreement-specific work role rates. Absent means none.</summary>
    public const string AgreementWorkRoles = "agreement-work-roles.json";

    /// <summary>The twelve files every export folder has (an empty array <c>[]</c> is fine).</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        Companies, Members, WorkTypes, WorkRoles, AgreementTypes, Agreements, AgreementAdditions,
        AgreementWorkTypeExclusions, AgreementWorkRoleExclusions, Tickets, TimeEntries, Invoices,
    ];

    public static IReadOnlyList<string> Optional { get; } = [AgreementWorkTypes, AgreementWorkRoles];
}
