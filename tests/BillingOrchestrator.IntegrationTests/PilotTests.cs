using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// The rollout's week-2 pilot on the demo MSP: reviewers label each finding of the pilot run, log missed leaks and manual
/// overrides; the figures (precision, recall, per category) follow from them, and the review gate refuses while any
/// finding is unlabelled.
/// </summary>
public abstract class PilotTests(ProductHost host)
{
    private const string Service = "service@demo.local";

    private async Task<(string InstanceId, JsonObject Gate, int Findings)> PilotAsync()
    {
        var service = await host.ClientForAsync(Service);
        var instance = await service.StartAsync(TestWorkflows.Pilot.DefinitionId);
        var gate = await service.WaitForTaskAsync(instance.Id(), "gate");
        var pilot = (await service.GetInstanceAsync(instance.Id()))["variables"]!["pilot"]!;
        return (instance.Id(), gate, pilot["findings"]!.GetValue<int>());
    }

    private static Task<HttpResponseMessage> LabelAsync(HttpClient client, string instanceId, int sequence, string verdict, string? reason = "checked against the agreement and the ticket") =>
        client.PostAsJsonAsync("/api/rollout/pilot/labels", new { instanceId, findingSequence = sequence, verdict, reason });

    [Fact]
    public async Task Labels_PerFindingWithReviewerAndReason_GiveThePrecisionAndRecall_AndTheGateWaitsForTheLast()
    {
        var (instanceId, gate, findings) = await PilotAsync();
        findings.ShouldBeGreaterThan(2);
        var service = await host.ClientForAsync(Service);
        var finance = await host.ClientForAsync("finance@demo.local");
        var approver = await host.ClientForAsync("service-approver@demo.local");

        var before = (await service.GetFromJsonAsync<JsonObject>($"/api/rollout/pilot?instanceId={instanceId}"))!;
        before["figures"]!["findings"]!.GetValue<int>().ShouldBe(findings);
        before["figures"]!["unlabelled"]!.GetValue<int>().ShouldBe(findings);
        before["figures"]!["precision"].ShouldBeNull();
        var refused = await approver.CompleteAsync(gate, "Approved");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain($"{findings} of {findings} pilot findings are not labelled");

        for (var sequence = 1; sequence <= findings; sequence++)
        {
            var labelled = await LabelAsync(sequence % 2 == 0 ? finance : service, instanceId, sequence, sequence == 1 ? "false-positive" : "true-positive");
            labelled.StatusCode.ShouldBe(HttpStatusCode.OK, await labelled.Content.ReadAsStringAsync());
            if (sequence == findings - 1)
            {
                var almost = await approver.CompleteAsync(gate, "Approved");
                almost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                (await almost.Content.ReadFromJsonAsync<JsonObject>())!["unlabelledFindings"]!.AsArray().Select(n => n!.GetValue<int>()).ShouldBe([findings]);
            }
        }

        var relabelled = (await (await LabelAsync(finance, instanceId, 2, "false-positive", "the agreement covers remote work after all")).Content.ReadFromJsonAsync<JsonObject>())!;
        relabelled["revision"]!.GetValue<int>().ShouldBe(2);
        relabelled["reviewer"]!.GetValue<string>().ShouldBe("finance@demo.local");
        (await service.PostAsJsonAsync("/api/rollout/pilot/false-negatives", new
        {
            instanceId,
            description = "onsite visit never logged for ticket 4411",
            amount = 375.50m,
            sourceLink = "https://cw.example.com/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=4411",
            category = "missing-time",
            companyId = 3,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.PostAsJsonAsync("/api/rollout/pilot/false-negatives", new { instanceId, description = "block-hours addition billed twice", amount = 120m, sourceLink = "/api/psa/invoices/9001" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await finance.PostAsJsonAsync("/api/rollout/pilot/overrides", new { instanceId, subject = "finding 3", action = "billed 2 h instead of 3 h", reason = "customer goodwill agreed by the account manager" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var labels = (await service.GetFromJsonAsync<JsonArray>($"/api/rollout/pilot/labels?instanceId={instanceId}"))!;
        labels.Count.ShouldBe(findings);
        labels.Select(l => l!["findingSequence"]!.GetValue<int>()).ShouldBe(Enumerable.Range(1, findings));
        labels[0]!["verdict"]!.GetValue<string>().ShouldBe("false-positive");
        labels[0]!["reviewer"]!.GetValue<string>().ShouldBe(Service);
        labels[0]!["reason"]!.GetValue<string>().ShouldBe("checked against the agreement and the ticket");
        labels[0]!["amount"]!.GetValue<decimal>().ShouldBeGreaterThanOrEqualTo(0m);
        var figures = (await service.GetFromJsonAsync<JsonObject>($"/api/rollout/pilot?instanceId={instanceId}"))!["figures"]!;
        var truePositives = findings - 2;
        figures["unlabelled"]!.GetValue<int>().ShouldBe(0);
        figures["truePositives"]!.GetValue<int>().ShouldBe(truePositives);
        figures["falsePositives"]!.GetValue<int>().ShouldBe(2);
        figures["falseNegatives"]!.GetValue<int>().ShouldBe(2);
        figures["overrides"]!.GetValue<int>().ShouldBe(1);
        figures["precision"]!.GetValue<decimal>().ShouldBe(decimal.Round((decimal)truePositives / findings, 4));
        figures["recall"]!.GetValue<decimal>().ShouldBe(decimal.Round((decimal)truePositives / (truePositives + 2), 4));
        figures["falseNegativeAmount"]!.GetValue<decimal>().ShouldBe(495.50m);
        var byCategory = figures["byCategory"]!.AsArray();
        byCategory.Sum(c => c!["findings"]!.GetValue<int>()).ShouldBe(findings);
        byCategory.Single(c => c!["category"]!.GetValue<string>() == "uncategorized")!["falseNegatives"]!.GetValue<int>().ShouldBe(1);
        byCategory.Single(c => c!["category"]!.GetValue<string>() == "missing-time")!["falseNegatives"]!.GetValue<int>().ShouldBe(1);

        var approved = await approver.CompleteAsync(await service.WaitForTaskAsync(instanceId, "gate"), "Approved");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var audit = await AuditReader.ReadAllAsync(await host.ClientForAsync("admin@demo.local"));
        audit.Count(e => e["action"]!.GetValue<string>() == "rollout.pilot.label" && e["subject"]!.GetValue<string>().StartsWith($"pilot:{instanceId}:", StringComparison.Ordinal)).ShouldBe(findings + 1);
    }

    [Fact]
    public async Task PilotEntries_WithMissingOrBadFields_AreRefusedNamingTheField_AndAuditorsCannotWrite()
    {
        var (instanceId, _, findings) = await PilotAsync();
        var service = await host.ClientForAsync(Service);

        var bad = await LabelAsync(service, instanceId, 1, "maybe", reason: " ");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["reason", "verdict"]);
        var missing = await LabelAsync(service, instanceId, findings + 1, "true-positive");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["findingSequence"].ShouldNotBeNull();
        (await LabelAsync(service, "no-such-instance", 1, "true-positive")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noLink = await service.PostAsJsonAsync("/api/rollout/pilot/false-negatives", new { instanceId, description = "missed", amount = -1m, sourceLink = "javascript:alert(1)", category = "nonsense" });
        noLink.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noLink.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["amount", "category", "sourceLink"]);
        var noReason = await service.PostAsJsonAsync("/api/rollout/pilot/overrides", new { instanceId, subject = "finding 1", action = "waived" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["reason"].ShouldNotBeNull();
        (await LabelAsync(await host.ClientForAsync("auditor@demo.local"), instanceId, 1, "true-positive")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await service.GetFromJsonAsync<JsonArray>($"/api/rollout/pilot/labels?instanceId={instanceId}"))!.ShouldBeEmpty();
        (await service.GetFromJsonAsync<JsonArray>($"/api/rollout/pilot/false-negatives?instanceId={instanceId}"))!.ShouldBeEmpty();
        (await service.GetFromJsonAsync<JsonArray>($"/api/rollout/pilot/overrides?instanceId={instanceId}"))!.ShouldBeEmpty();
    }
}

public sealed class PilotTestsOnSqlite(SqliteDemoProductHost host) : PilotTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class PilotTestsOnPostgres(PostgresDemoProductHost host) : PilotTests(host), IClassFixture<PostgresDemoProductHost>;
