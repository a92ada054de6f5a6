namespace BillingOrchestrator.Testing.Workflows;

public static partial class TestWorkflows
{
    /// <summary>
    /// A mis-wired playbook: a fork offers step 2's task and step 1's gate before step 1's work is submitted, as a careless
    /// edit in the designer could. The API must still refuse to work out of order.
    /// </summary>
    public static class Bypass
    {
        public const string DefinitionId = "test-playbook-bypass";

        public const string Json = """
        {
          "definitionId": "test-playbook-bypass",
          "name": "Playbook with a fork that skips ahead",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork" },
            { "id": "s1-work", "type": "UserTask", "role": "FinanceLead", "step": 1, "stepTitle": "Define the catalog", "ownerRole": "FinanceLead",
              "form": [ { "name": "summary", "type": "string", "required": true } ] },
            { "id": "s1-gate", "type": "QualityGate", "approverRole": "ServiceManager", "step": 1, "stepTitle": "Define the catalog", "ownerRole": "FinanceLead", "title": "Step 1 gate" },
            { "id": "s2-work", "type": "UserTask", "role": "FinanceLead", "step": 2, "stepTitle": "Enforce coding" },
            { "id": "join", "type": "Join" },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "fork" },
            { "source": "fork", "target": "s1-work" }, { "source": "fork", "target": "s1-gate" }, { "source": "fork", "target": "s2-work" },
            { "source": "s1-work", "target": "join" }, { "source": "s1-gate", "outcome": "Approved", "target": "join" }, { "source": "s1-gate", "outcome": "Rejected", "target": "join" },
            { "source": "s2-work", "target": "join" },
            { "source": "join", "target": "end" }
          ]
        }
        """;
    }

    /// <summary>Step 4 on its own: validate everything, route the findings as exceptions, then wait.</summary>
    public static class Exceptions
    {
        public const string DefinitionId = "test-exceptions";

        public const string Json = """
        {
          "definitionId": "test-exceptions",
          "name": "Validate and route exceptions",
          "variables": [ { "name": "validation", "type": "object" }, { "name": "exceptions", "type": "object" } ],
          "activities": [
            { "id": "validate", "type": "RunAction", "action": "billing.validate", "outputVariable": "validation", "step": 3 },
            { "id": "route", "type": "RunAction", "action": "exceptions.route", "outputVariable": "exceptions", "step": 4 },
            { "id": "disposition", "type": "UserTask", "role": "ServiceManager", "step": 4 },
            { "id": "sample", "type": "RunAction", "action": "controls.sample", "input": { "size": 3 }, "outputVariable": "sample", "step": 6 }
          ],
          "connections": [ { "source": "validate", "target": "route" }, { "source": "route", "target": "disposition" }, { "source": "disposition", "target": "sample" } ]
        }
        """;
    }
}
