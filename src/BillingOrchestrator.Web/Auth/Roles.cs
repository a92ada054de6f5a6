namespace BillingOrchestrator.Web.Auth;

/// <summary>The product's roles, as the playbook names its owners; role names are a contract with users' scripts.</summary>
public static class Roles
{
    public const string FinanceLead = "FinanceLead";
    public const string ServiceManager = "ServiceManager";
    public const string PsaAdmin = "PsaAdmin";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    public static readonly string[] All = [FinanceLead, ServiceManager, PsaAdmin, Auditor, Admin];

    /// <summary>People who run the process: they start instances and act on tasks. Auditors only read.</summary>
    public static readonly string[] Owners = [FinanceLead, ServiceManager, PsaAdmin, Admin];
}

public static class Policies
{
    public const string AnyRole = nameof(AnyRole);
    public const string Owner = nameof(Owner);
    public const string Admin = nameof(Admin);

    /// <summary>Finance leads own the catalog and coding standards (playbook steps 1 and 2); admins may edit too.</summary>
    public const string CatalogEditor = nameof(CatalogEditor);

    /// <summary>PSA administrators (and admins) run ConnectWise syncs and imports.</summary>
    public const string PsaOperator = nameof(PsaOperator);

    /// <summary>Finance leads and admins edit the escalation paths overdue items follow.</summary>
    public const string EscalationEditor = nameof(EscalationEditor);
    /// <summary>Finance leads (and admins) set the KPI baseline and decide governance recommendations.</summary>
    public const string FinanceOwner = nameof(FinanceOwner);

    /// <summary>Auditors and admins read the audit log.</summary>
    public const string AuditReader = nameof(AuditReader);
}
