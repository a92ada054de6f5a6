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

    /// <summary>
    /// Held only by API keys: reads the OData feed and the exports, nothing else. Not one of <see cref="All"/>, so
    /// the fallback policy keeps it out of every other endpoint.
    /// </summary>
    public const string FeedReader = "FeedReader";

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

    /// <summary>Finance leads and service managers disposition and confirm billing exceptions (playbook step 4); admins too.</summary>
    public const string ExceptionApprover = nameof(ExceptionApprover);

    /// <summary>Finance leads (and admins) release an invoice batch to accounting.</summary>
    public const string BatchReleaser = nameof(BatchReleaser);

    /// <summary>Finance leads and admins edit the escalation paths overdue items follow.</summary>
    public const string EscalationEditor = nameof(EscalationEditor);

    /// <summary>Finance leads (and admins) set the KPI baseline and decide governance recommendations.</summary>
    public const string FinanceOwner = nameof(FinanceOwner);

    /// <summary>The OData feed and exports: API keys (<see cref="Roles.FeedReader"/>) and every signed-in role.</summary>
    public const string FeedReader = nameof(FeedReader);

    /// <summary>Admins, finance leads and auditors see the exception dashboard (stuck gates, failed syncs, faulted instances).</summary>
    public const string OperationsReader = nameof(OperationsReader);

    /// <summary>Auditors and admins read the audit log.</summary>
    public const string AuditReader = nameof(AuditReader);
}
