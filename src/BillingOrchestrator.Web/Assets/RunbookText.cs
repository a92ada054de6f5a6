using BillingOrchestrator.Web.Scheduling;

namespace BillingOrchestrator.Web.Assets;

/// <summary>The runbook's fixed wording, shared by its Markdown and PDF layouts; everything else comes from the live data.</summary>
internal static class RunbookText
{
    public const string Title = "Operator runbook: agreement billing integrity";

    public static string Triggers(ScheduleView s) =>
        $"cron '{s.Cron}' ({s.TimeZone}){(s.FirstBusinessDayOfMonth ? ", first business day of the month" : "")}; state {s.State}; next {(s.NextFireTime is { } next ? next.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "none")}";

    /// <summary>How to go back when something went wrong: every one of these is a product endpoint or CLI verb, audited.</summary>
    public static IReadOnlyList<(string When, string Do)> Rollback { get; } =
    [
        ("A gate's evidence is wrong or incomplete", "The approver rejects the gate (POST /api/tasks/{id}/complete with outcome 'rejected' and a comment): the step goes back to its owner's task, and the gate needs the work submitted again."),
        ("A disposition was wrong", "Above materiality the second approver rejects it (POST /api/exceptions/{id}/confirm with accept: false) and it reopens; a closed disposition is final and is corrected in the next cycle's governance review."),
        ("An automated step faulted", "An Admin retries the incident (POST /api/workflow-instances/{id}/retry); finished steps are not run again."),
        ("A definition change misbehaves", "An Admin publishes the previous version again (POST /api/workflow-definitions/{definitionId}/publish with its version) and migrates running instances (POST /api/workflow-instances/{id}/migrate)."),
        ("A schedule fires wrongly", "An Admin changes it (PUT /api/schedules/{definitionId}); the change is kept across restarts."),
        ("Data or the database is damaged", "Stop the host and restore the last backup with the CLI (backup / restore verbs); verify the audit chain afterwards (GET /api/audit/verify)."),
    ];
}
