using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>The <c>Exceptions</c> configuration section.</summary>
public sealed class ExceptionOptions
{
    /// <summary>Above this amount at risk a disposition needs a second, different approver (two-person rule).</summary>
    public decimal MaterialityThreshold { get; set; } = 500m;

    /// <summary>
    /// Roles that may confirm a material disposition besides the exception's routed role (<c>Exceptions:ConfirmationRoles</c>);
    /// unset means finance leads and admins. The confirmer is never the person who decided.
    /// </summary>
    public string[]? ConfirmationRoles { get; set; }

    /// <summary>The routed role of the exception and the configured confirmation roles: who may confirm it.</summary>
    public IReadOnlyList<string> ConfirmersOf(BillingException exception) => ConfirmersOf(exception.RoutedRole);

    /// <summary>Who may confirm a disposition routed to <paramref name="routedRole"/>.</summary>
    public IReadOnlyList<string> ConfirmersOf(string routedRole) =>
        [routedRole, .. (ConfirmationRoles ?? [Auth.Roles.FinanceLead, Auth.Roles.Admin]).Where(r => r != routedRole)];

    /// <summary>How many overrides and write-offs the monthly control sample picks.</summary>
    public int SampleSize { get; set; } = 5;

    public ExceptionRouting Routing { get; set; } = new();

    /// <summary>How long after routing each exception's disposition is due; overdue ones escalate.</summary>
    public ExceptionDueDates DueDates { get; set; } = new();
}
