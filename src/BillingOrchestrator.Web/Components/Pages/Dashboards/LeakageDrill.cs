namespace BillingOrchestrator.Web.Components.Pages.Dashboards;

/// <summary>Which of the week's leakage to list time entries for: one agreement, customer or service line.</summary>
public sealed record LeakageDrill(string Title, int? CompanyId = null, int? AgreementId = null, string? ServiceLine = null);
