namespace BillingOrchestrator.Testing.Workflows;

/// <summary>Named definitions the tests start; each is loaded from a file as the product loads its own.</summary>
public static partial class TestWorkflows
{
    public static class Approval
    {
        public const string DefinitionId = "test-approval";

        public const string Json = """
        {
          "definitionId": "test-approval",
          "name": "Approval with quality gate",
          "variables": [ { "name": "amount", "type": "number", "default": 0 }, { "name": "review", "type": "object" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "UserTask", "role": "FinanceLead", "title": "Review", "outcomes": ["Approve", "Reject"], "outputVariable": "review",
              "form": [ { "name": "reason", "type": "string", "required": true } ] },
            { "id": "gate", "type": "QualityGate", "approverRole": "ServiceManager", "title": "Gate", "evidence": [ { "name": "report", "label": "Validation report" } ] },
            { "id": "count", "type": "RunAction", "action": "test.count" },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "review" },
            { "source": "review", "outcome": "Approve", "target": "gate" },
            { "source": "review", "outcome": "Reject", "target": "end" },
            { "source": "gate", "outcome": "Approved", "target": "count" },
            { "source": "gate", "outcome": "Rejected", "target": "review" },
            { "source": "count", "target": "end" }
          ]
        }
        """;
    }

    public static class Automated
    {
        public const string DefinitionId = "test-automated";
        public const int Steps = 5;

        public const string Json = """
        {
          "definitionId": "test-automated",
          "name": "Five counted steps",
          "activities": [
            { "id": "s1", "type": "RunAction", "action": "test.count" },
            { "id": "s2", "type": "RunAction", "action": "test.count" },
            { "id": "s3", "type": "RunAction", "action": "test.count" },
            { "id": "s4", "type": "RunAction", "action": "test.count" },
            { "id": "s5", "type": "RunAction", "action": "test.count" }
          ],
          "connections": [
            { "source": "s1", "target": "s2" }, { "source": "s2", "target": "s3" }, { "source": "s3", "target": "s4" }, { "source": "s4", "target": "s5" }
          ]
        }
        """;
    }

    public static class ForkJoin
    {
        public const string DefinitionId = "test-fork-join";

        public const string Json = """
        {
          "definitionId": "test-fork-join",
          "name": "Parallel branches",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork" },
            { "id": "auto", "type": "RunAction", "action": "test.count" },
            { "id": "person", "type": "UserTask", "role": "PsaAdmin" },
            { "id": "join", "type": "Join" },
            { "id": "after", "type": "RunAction", "action": "test.count" },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "fork" },
            { "source": "fork", "target": "auto" }, { "source": "fork", "target": "person" },
            { "source": "auto", "target": "join" }, { "source": "person", "target": "join" },
            { "source": "join", "target": "after" }, { "source": "after", "target": "end" }
          ]
        }
        """;
    }

    public static class Timer
    {
        public const string DefinitionId = "test-timer";

        public const string Json = """
        {
          "definitionId": "test-timer",
          "name": "Wait a moment",
          "activities": [
            { "id": "wait", "type": "Timer", "delay": "PT0.5S" },
            { "id": "count", "type": "RunAction", "action": "test.count" }
          ],
          "connections": [ { "source": "wait", "target": "count" } ]
        }
        """;
    }

    public static class Flaky
    {
        public const string DefinitionId = "test-flaky";

        public const string Json = """
        {
          "definitionId": "test-flaky",
          "name": "Fails twice then works",
          "activities": [
            { "id": "call", "type": "RunAction", "action": "test.flaky", "input": { "failures": 2 }, "retry": { "maxAttempts": 3, "delay": "PT0.05S", "backoff": 1 } },
            { "id": "count", "type": "RunAction", "action": "test.count" }
          ],
          "connections": [ { "source": "call", "target": "count" } ]
        }
        """;
    }

    public static class Failing
    {
        public const string DefinitionId = "test-failing";

        public const string Json = """
        {
          "definitionId": "test-failing",
          "name": "Fails until the switch is off",
          "activities": [
            { "id": "call", "type": "RunAction", "action": "test.switch", "retry": { "maxAttempts": 2, "delay": "PT0.05S" } },
            { "id": "count", "type": "RunAction", "action": "test.count" }
          ],
          "connections": [ { "source": "call", "target": "count" } ]
        }
        """;
    }

    public static class Event
    {
        public const string DefinitionId = "test-event";

        public const string Json = """
        {
          "definitionId": "test-event",
          "name": "Waits for payment",
          "variables": [ { "name": "payment", "type": "any" } ],
          "activities": [
            { "id": "wait", "type": "Event", "eventName": "payment-received", "outputVariable": "payment" },
            { "id": "count", "type": "RunAction", "action": "test.count" }
          ],
          "connections": [ { "source": "wait", "target": "count" } ]
        }
        """;
    }

    /// <summary>Two tasks in a row; <see cref="V2Json"/> inserts an automated step between them.</summary>
    public static class Migration
    {
        public const string DefinitionId = "test-migration";

        public const string Json = """
        {
          "definitionId": "test-migration",
          "name": "Two tasks",
          "activities": [
            { "id": "start", "type": "RunAction", "action": "test.count" },
            { "id": "t1", "type": "UserTask", "role": "FinanceLead" },
            { "id": "t2", "type": "UserTask", "role": "FinanceLead" }
          ],
          "connections": [ { "source": "start", "target": "t1" }, { "source": "t1", "target": "t2" } ]
        }
        """;

        public const string V2Json = """
        {
          "definitionId": "test-migration",
          "name": "Two tasks with a check between",
          "activities": [
            { "id": "start", "type": "RunAction", "action": "test.count" },
            { "id": "t1", "type": "UserTask", "role": "FinanceLead" },
            { "id": "check", "type": "RunAction", "action": "test.count" },
            { "id": "t2", "type": "UserTask", "role": "FinanceLead" }
          ],
          "connections": [ { "source": "start", "target": "t1" }, { "source": "t1", "target": "check" }, { "source": "check", "target": "t2" } ]
        }
        """;
    }

    /// <summary>Runs the pre-invoice checks as a workflow step.</summary>
    public static class Validate
    {
        public const string DefinitionId = "test-validate";

        public const string Json = """
        {
          "definitionId": "test-validate",
          "name": "Validate the pilot companies",
          "variables": [ { "name": "validation", "type": "object" } ],
          "activities": [
            { "id": "validate", "type": "RunAction", "action": "billing.validate", "input": { "companyIds": [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, "outputVariable": "validation" }
          ]
        }
        """;
    }

    /// <summary>A rollout-like pilot: a scoped validation run into the variable <c>pilot</c>, then a gate that needs every finding labelled.</summary>
    public static class Pilot
    {
        public const string DefinitionId = "test-pilot";

        public const string Json = """
        {
          "definitionId": "test-pilot",
          "name": "Pilot on ten customers, labelled before the gate",
          "variables": [ { "name": "pilot", "type": "object" } ],
          "activities": [
            { "id": "pilot-run", "type": "RunAction", "action": "billing.validate", "input": { "companyIds": [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, "outputVariable": "pilot", "step": 1 },
            { "id": "gate", "type": "QualityGate", "approverRole": "ServiceManager", "title": "Pilot review gate", "step": 1, "pilotLabelsRequired": true },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "source": "pilot-run", "target": "gate" }, { "source": "gate", "outcome": "Approved", "target": "end" } ]
        }
        """;
    }

    public static class LeakageSnapshot
    {
        public const string DefinitionId = "test-leakage-snapshot";

        public const string Json = """
        {
          "definitionId": "test-leakage-snapshot",
          "name": "Weekly leakage snapshot",
          "variables": [ { "name": "snapshot", "type": "object" } ],
          "activities": [
            { "id": "snapshot", "type": "RunAction", "action": "dashboard.snapshot", "input": { "week": "2026-W43" }, "outputVariable": "snapshot" }
          ]
        }
        """;
    }

    public static IEnumerable<(string DefinitionId, string Json)> All =>
    [
        (Approval.DefinitionId, Approval.Json),
        (Automated.DefinitionId, Automated.Json),
        (ForkJoin.DefinitionId, ForkJoin.Json),
        (Timer.DefinitionId, Timer.Json),
        (Flaky.DefinitionId, Flaky.Json),
        (Failing.DefinitionId, Failing.Json),
        (Event.DefinitionId, Event.Json),
        (Migration.DefinitionId, Migration.Json),
        (Validate.DefinitionId, Validate.Json),
        (Bypass.DefinitionId, Bypass.Json),
        (Exceptions.DefinitionId, Exceptions.Json),
        (LeakageSnapshot.DefinitionId, LeakageSnapshot.Json),
        (Pilot.DefinitionId, Pilot.Json),
    ];

    /// <summary>Writes every test workflow (and, if asked, the product's own from <c>workflows/</c>) into a fresh folder for <c>Workflows:Directory</c>.</summary>
    public static string WriteToTempDirectory(bool withProductWorkflows = false)
    {
        var directory = Directory.CreateTempSubdirectory("bo-workflows-").FullName;
        foreach (var (id, json) in All)
        {
            File.WriteAllText(Path.Combine(directory, id + ".json"), json);
        }

        if (withProductWorkflows)
        {
            foreach (var file in Directory.GetFiles(ProductWorkflowsDirectory(), "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }
        }

        return directory;
    }

    /// <summary>The repository's <c>workflows/</c> folder, found upwards from the test binaries.</summary>
    public static string ProductWorkflowsDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "workflow-definition.schema.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The repository's workflows/ folder was not found above " + AppContext.BaseDirectory);
    }
}
