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
            pilotCompanyIds = "2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
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
        var pilot = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{variables["pilot"]!["runId"]}"))!;
        baseline["summary"]!["scope"]!["companyIds"].ShouldBeNull();
        pilot["summary"]!["scope"]!["companyIds"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        pilot["findingCount"]!.GetValue<int>().ShouldBeLessThan(baseline["findingCount"]!.GetValue<int>());
        var evidence = (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        evidence.Count(e => e!["kind"]!.GetValue<string>() == "Artefact" && e["url"]!.GetValue<string>().StartsWith("/api/validation-runs/", StringComparison.Ordinal)).ShouldBe(2);
        (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!.Single()!["activityId"]!.GetValue<string>().ShouldBe("w1-gate");

        // Week 2: the label task (and the gate) wait for a label on every pilot finding; the figures are filed for the review gate and again for week 3's tuning.
        var labelTask = await service.WaitForTaskAsync(instanceId, "w2-label-findings");
        var findings = pilot["findingCount"]!.GetValue<int>();
        findings.ShouldBeGreaterThan(2);
        var early = await service.CompleteAsync(labelTask, "Done");
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain($"{findings} of {findings} pilot findings are not labelled");
        for (var sequence = 1; sequence <= findings; sequence++)
        {
            var verdict = sequence <= 2 ? "false-positive" : "true-positive";
            (await service.PostAsJsonAsync("/api/rollout/pilot/labels", new { instanceId, findingSequence = sequence, verdict, reason = "reviewed against the agreement" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await service.PostAsJsonAsync("/api/rollout/pilot/false-negatives", new { instanceId, description = "after-hours call billed at the normal rate", amount = 90m, sourceLink = "/api/psa/counts", category = "rate-not-applied" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await psaAdmin.PostAsJsonAsync("/api/rollout/pilot/overrides", new { instanceId, subject = "agreement 12", action = "excluded from the pilot by hand", reason = "contract renewal under negotiation" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, "w2-label-findings"), "Done", new { notes = "two false positives, one missed leak" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await finance.CompleteAsync(await finance.WaitForTaskAsync(instanceId, "w2-week-review"), "Done", new { attendees = "finance, service, psa-admin", decision = "expand" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var approver = await host.ClientForAsync("service-approver@demo.local");
        var w2Gate = await approver.CompleteAsync(await approver.WaitForTaskAsync(instanceId, "w2-gate"), "Approved");
        w2Gate.StatusCode.ShouldBe(HttpStatusCode.OK, await w2Gate.Content.ReadAsStringAsync());
        await finance.WaitForTaskAsync(instanceId, "w3-tune");

        var figures = (await service.GetInstanceAsync(instanceId))["variables"]!["pilotFigures"]!;
        figures["truePositives"]!.GetValue<int>().ShouldBe(findings - 2);
        figures["falsePositives"]!.GetValue<int>().ShouldBe(2);
        figures["falseNegatives"]!.GetValue<int>().ShouldBe(1);
        figures["overrides"]!.GetValue<int>().ShouldBe(1);
        figures["precision"]!.GetValue<decimal>().ShouldBe(decimal.Round((decimal)(findings - 2) / findings, 4));
        figures["recall"]!.GetValue<decimal>().ShouldBe(decimal.Round((decimal)(findings - 2) / (findings - 1), 4));
        var filed = (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!
            .Where(e => e!["url"]?.GetValue<string>() == $"/api/rollout/pilot?instanceId={instanceId}").ToList();
        filed.Select(e => e!["step"]!.GetValue<int>()).Order().ShouldBe([2, 3]);
        var forTuning = await service.GetFromJsonAsync<JsonObject>($"/api/evidence/{filed.Single(e => e!["step"]!.GetValue<int>() == 3)!["id"]}/content");
        forTuning!["figures"]!["byCategory"]!.AsArray().Single(c => c!["category"]!.GetValue<string>() == "rate-not-applied")!["falseNegatives"]!.GetValue<int>().ShouldBe(1);
    }
}

public sealed class RolloutTestsOnSqlite(SqlitePlaybookProductHost host) : RolloutTests(host), IClassFixture<SqlitePlaybookProductHost>;

public sealed class RolloutTestsOnPostgres(PostgresPlaybookProductHost host) : RolloutTests(host), IClassFixture<PostgresPlaybookProductHost>;
