using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>The <c>Exceptions</c> configuration section.</summary>
public sealed class ExceptionOptions
{
    /// <summary>Above this amount at risk a disposition needs a second, different approver (two-person rule).</summary>
    public decimal MaterialityThreshold { get; set; } = 500m;

    /// <summary>How many overrides and write-offs the monthly control sample picks.</summary>
    public int SampleSize { get; set; } = 5;

    public ExceptionRouting Routing { get; set; } = new();

    /// <summary>How long after routing each exception's disposition is due; overdue ones escalate.</summary>
    public ExceptionDueDates DueDates { get; set; } = new();
}
