using BillingOrchestrator.Testing.Operations;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>Definitions the operations tests start.</summary>
public static class OperationsWorkflows
{
    /// <summary>Tells finance, then waits for a service manager's task (due in an hour) and a finance gate (due in two).</summary>
    public const string NotifyThenTasks = "ops-notify-tasks";

    public const string NotifyThenTasksJson = """
    {
      "definitionId": "ops-notify-tasks",
      "name": "Notify, a task and a gate with due dates",
      "activities": [
        { "id": "tell", "type": "Notify", "to": "FinanceLead", "subject": "Cycle started", "message": "The monthly cycle has started." },
        { "id": "check", "type": "UserTask", "role": "ServiceManager", "title": "Check the exceptions", "dueIn": "PT1H" },
        { "id": "gate", "type": "QualityGate", "approverRole": "FinanceLead", "title": "Approve the batch", "dueIn": "PT2H" },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "source": "tell", "target": "check" }, { "source": "check", "target": "gate" }, { "source": "gate", "outcome": "Approved", "target": "end" }, { "source": "gate", "outcome": "Rejected", "target": "end" } ]
    }
    """;

    /// <summary>Only a notification: finishes at once whatever happens to its delivery.</summary>
    public const string NotifyOnly = "ops-notify-only";

    public const string NotifyOnlyJson = """
    {
      "definitionId": "ops-notify-only",
      "name": "Notify and finish",
      "activities": [
        { "id": "tell", "type": "Notify", "to": "ServiceManager, psa-admin@demo.local", "subject": "Leakage review ready", "message": "Open the dashboard." },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "source": "tell", "target": "end" } ]
    }
    """;

    /// <summary>A pre-flight: a finance lead documents escalation paths in a form, the workflow stores them.</summary>
    public const string PreFlight = "ops-preflight";

    public const string PreFlightJson = """
    {
      "definitionId": "ops-preflight",
      "name": "Pre-flight: escalation paths",
      "variables": [ { "name": "preflight", "type": "object" } ],
      "activities": [
        { "id": "document", "type": "UserTask", "role": "FinanceLead", "title": "Document escalation paths", "outputVariable": "preflight" },
        { "id": "store", "type": "RunAction", "action": "escalation.setPaths", "input": { "variable": "preflight.data.escalationPaths" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "source": "document", "target": "store" }, { "source": "store", "target": "end" } ]
    }
    """;

    /// <summary>Started by a schedule; one step.</summary>
    public const string Scheduled = "ops-scheduled";

    public const string ScheduledJson = """
    {
      "definitionId": "ops-scheduled",
      "name": "Scheduled review",
      "activities": [ { "id": "review", "type": "UserTask", "role": "PsaAdmin", "title": "Review" } ],
      "connections": []
    }
    """;

    public static string Directory() => OperationsHost.WriteWorkflows(
        (NotifyThenTasks, NotifyThenTasksJson), (NotifyOnly, NotifyOnlyJson), (PreFlight, PreFlightJson), (Scheduled, ScheduledJson));
}
