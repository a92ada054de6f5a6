using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The 30-day rollout's first two weeks on the demo MSP: scope lock, baseline, pre-flight, then a pilot on the chosen customers.</summary>
public abstract class RolloutTests(ProductHost host)
{
    [Fact]
    public async Task Week1ScopeLock_BaselineAndPreflight_ThenWeek2PilotRunsOnlyOnTheChosenCustomers()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var psaAdmin = await host.ClientForAsync("psa-admin@demo.local");
        var service = await host.ClientForAsync("service@demo.local");
        var instanceId = (await finance.StartAsync("rollout-30-day")).Id();

        (await finance.CompleteAsync(await finance.WaitForTaskAsync(instanceId, "w1-scope-lock"), "Done", new
        {
            scope = "agreement billing integrity, monthly cycle",
            owners = "finance@demo.local, service@demo.local, psa-admin@demo.local",
            approvalCheckpoints = "a gate after every step",
            pilotCompanyIds = "2, 3, 4",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var preflight = await psaAdmin.WaitForTaskAsync(instanceId, "w1-preflight");
        var missing = await psaAdmin.CompleteAsync(preflight, "Done", new { accessConnectWise = true });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["data.escalationPath"].ShouldNotBeNull();
        (await psaAdmin.CompleteAsync(preflight, "Done", new
        {
            accessConnectWise = true,
            accessAccounting = true,
            accessPowerBi = true,
            accessDocumentation = true,
            escalationPath = "notify the finance lead after 1 day, then reassign to FinanceLead",
            escalationRole = "FinanceLead",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, "w1-gate"), "Approved")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await service.WaitForTaskAsync(instanceId, "w2-label-findings");
        var variables = (await service.GetInstanceAsync(instanceId))["variables"]!;
        var baseline = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{variables["baseline"]!["runId"]}"))!;
        var pilot = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{variables["validation"]!["runId"]}"))!;
        baseline["summary"]!["scope"]!["companyIds"].ShouldBeNull();
        pilot["summary"]!["scope"]!["companyIds"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe([2, 3, 4]);
        pilot["findingCount"]!.GetValue<int>().ShouldBeLessThan(baseline["findingCount"]!.GetValue<int>());
        var evidence = (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        evidence.Count(e => e!["kind"]!.GetValue<string>() == "Artefact" && e["url"]!.GetValue<string>().StartsWith("/api/validation-runs/", StringComparison.Ordinal)).ShouldBe(2);
        (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!.Single()!["activityId"]!.GetValue<string>().ShouldBe("w1-gate");
    }
}

public sealed class RolloutTestsOnSqlite(SqlitePlaybookProductHost host) : RolloutTests(host), IClassFixture<SqlitePlaybookProductHost>;

public sealed class RolloutTestsOnPostgres(PostgresPlaybookProductHost host) : RolloutTests(host), IClassFixture<PostgresPlaybookProductHost>;
