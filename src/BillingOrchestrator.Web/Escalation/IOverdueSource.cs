using BillingOrchestrator.Persistence;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>
/// Something with due dates that can run late: user tasks and gates (<see cref="TaskOverdueSource"/>), and any module
/// that registers its own (billing exceptions: <c>services.AddScoped&lt;IOverdueSource, ...&gt;()</c>). The scanner
/// escalates what a source reports along the escalation path of the item's role.
/// </summary>
public interface IOverdueSource
{
    /// <summary>A short stable name recorded with each escalation (<c>task</c>, <c>exception</c>).</summary>
    string Kind { get; }

    /// <summary>Open items whose due date is at or before <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<OverdueItem>> FindOverdueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the item to <paramref name="role"/> inside the escalation's transaction on <paramref name="db"/> (use
    /// <c>ExecuteUpdate</c> or tracked changes; the scanner saves and commits). False when the item changed since it was
    /// read (closed, or someone acted on it): the escalation is then abandoned and looked at again on the next scan.
    /// </summary>
    Task<bool> ReassignAsync(BillingDbContext db, OverdueItem item, string role, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// An overdue item. <see cref="Revision"/> is whatever the source needs to detect a concurrent change in
/// <see cref="IOverdueSource.ReassignAsync"/>.
/// </summary>
public sealed record OverdueItem(
    string Id,
    string Title,
    string? Role,
    string? Assignee,
    DateTimeOffset DueAt,
    long Revision,
    string? InstanceId = null,
    string? ActivityId = null,
    string? Description = null);
