using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The playbook's definitions in workflows/ load cleanly and say what the playbook says: steps, owners, systems, gates, weeks.</summary>
public sealed class PlaybookDefinitionTests(SqliteProductWorkflowsHost host) : IClassFixture<SqliteProductWorkflowsHost>
{
    /// <summary>The playbook's six steps with their owner and primary system, as the playbook names them.</summary>
    internal static readonly (int Step, string Owner, string System)[] Playbook =
    [
        (1, "FinanceLead", "ConnectWise PSA"),
        (2, "FinanceLead", "Accounting platform"),
        (3, "ServiceManager", "Power BI"),
        (4, "ServiceManager", "Documentation platform"),
        (5, "PsaAdmin", "ConnectWise PSA"),
        (6, "PsaAdmin", "Accounting platform"),
    ];

    private async Task<JsonObject> DefinitionAsync(string definitionId)
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        (await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/load-errors"))!.ShouldBeEmpty();
        var stored = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{definitionId}?version=published"))!;
        return stored["definition"]!.AsObject();
    }

    private static List<JsonObject> Activities(JsonObject definition) => [.. definition["activities"]!.AsArray().Select(a => a!.AsObject())];

    /// <summary>The activity order along the Approved/Done path from the start.</summary>
    private static List<JsonObject> MainPath(JsonObject definition)
    {
        var byId = Activities(definition).ToDictionary(a => a["id"]!.GetValue<string>());
        var connections = definition["connections"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var path = new List<JsonObject>();
        var current = byId.Values.First(a => a["type"]!.GetValue<string>() == "Start");
        while (true)
        {
            path.Add(current);
            var next = connections.FirstOrDefault(c => c["source"]!.GetValue<string>() == current["id"]!.GetValue<string>() && (c["outcome"]?.GetValue<string>() ?? "Done") is "Done" or "Approved");
            if (next is null)
            {
                return path;
            }

            current = byId[next["target"]!.GetValue<string>()];
        }
    }

    [Fact]
    public async Task AgreementBillingIntegrity_RunsTheSixStepsInOrder_EachWithItsOwnerAndSystem_EndingAtAServiceManagerGate()
    {
        var definition = await DefinitionAsync("agreement-billing-integrity");
        var path = MainPath(definition);

        var steps = path.Where(a => a["step"] is not null).Select(a => a["step"]!.GetValue<int>()).ToList();
        steps.ShouldBe([.. steps.Order()]);
        foreach (var (step, owner, system) in Playbook)
        {
            var activities = path.Where(a => a["step"]?.GetValue<int>() == step).ToList();
            activities.ShouldAllBe(a => a["ownerRole"]!.GetValue<string>() == owner && a["primarySystem"]!.GetValue<string>() == system);
            var gate = activities[^1];
            gate["type"]!.GetValue<string>().ShouldBe("QualityGate", $"step {step} ends at its gate");
            gate["approverRole"]!.GetValue<string>().ShouldBe("ServiceManager");
            activities.ShouldContain(a => a["type"]!.GetValue<string>() == "UserTask" && a["role"]!.GetValue<string>() == owner);
        }

        var actions = path.Where(a => a["type"]!.GetValue<string>() == "RunAction").Select(a => (a["step"]!.GetValue<int>(), a["action"]!.GetValue<string>())).ToList();
        actions.ShouldBe([(1, "catalog.completeness"), (2, "coding.classification"), (3, "billing.validate"), (4, "exceptions.route"), (5, "leakage.snapshot"), (6, "controls.sample")]);
    }

    [Fact]
    public async Task Rollout_HasTheFourWeeksWithTheirActivities_AndEveryWeekEndsAtAGate()
    {
        var definition = await DefinitionAsync("rollout-30-day");
        var path = MainPath(definition);
        var names = string.Join(" | ", path.Select(a => (a["name"]?.GetValue<string>() ?? "") + " " + (a["title"]?.GetValue<string>() ?? "")));

        foreach (var expected in new[] { "scope", "baseline", "escalation", "true or false positive", "false negatives", "manual override", "end-of-week review", "tune thresholds", "runbook", "cadence", "optimization backlog" })
        {
            names.ShouldContain(expected, Case.Insensitive);
        }

        for (var week = 1; week <= 4; week++)
        {
            path.Where(a => a["step"]?.GetValue<int>() == week).Last()["type"]!.GetValue<string>().ShouldBe("QualityGate");
        }

        var preflight = path.Single(a => a["id"]!.GetValue<string>() == "w1-preflight");
        preflight["form"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldContain("escalationPath");
        path.Single(a => a["id"]!.GetValue<string>() == "w2-pilot-run")["input"]!["companyIdsVariable"]!.GetValue<string>().ShouldBe("scopeLock.data.pilotCompanyIds");
    }

    [Theory]
    [InlineData("weekly-leakage-review", new[] { 3, 5 })]
    [InlineData("monthly-governance-review", new[] { 6 })]
    public async Task ReviewDefinitions_CarryTheirPlaybookSteps_WithGates(string definitionId, int[] steps)
    {
        var definition = await DefinitionAsync(definitionId);
        var path = MainPath(definition);

        path.Where(a => a["type"]!.GetValue<string>() == "QualityGate").Select(a => a["step"]!.GetValue<int>()).ShouldBe(steps);
        definition.ContainsKey("schedule").ShouldBeFalse("schedules are configured by the scheduling work, not here");
    }
}
