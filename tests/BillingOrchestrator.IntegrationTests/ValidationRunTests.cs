using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Playbook step 3 over the API: validation runs on the demo MSP, recorded durably, scoped and repeatable.</summary>
public abstract class ValidationRunTests(ProductHost host)
{
    private const string Service = "service@demo.local";

    private int GroundTruthCases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(host.Database.DataDirectory, "demo", "ground-truth.json")))!["cases"]!.AsArray().Count;

    private static async Task<JsonObject> RunAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/validation-runs", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Run_OnTheDemoMsp_FindsEveryInjectedLeak_WithMoneyAndSourceLinks_AndRepeatsExactly()
    {
        var service = await host.ClientForAsync(Service);

        var run = await RunAsync(service, new { });
        var again = await RunAsync(service, new { });

        run["findingCount"]!.GetValue<int>().ShouldBe(GroundTruthCases());
        again["snapshotHash"]!.GetValue<string>().ShouldBe(run["snapshotHash"]!.GetValue<string>());
        again["findingCount"]!.GetValue<int>().ShouldBe(run["findingCount"]!.GetValue<int>());
        run["summary"]!["totalAmountAtRisk"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
        run["summary"]!["options"]!["staleAfterDays"]!.GetValue<int>().ShouldBe(30, "thresholds come from the Validation configuration section");
        var stored = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{run["id"]}"))!;
        stored["findingCount"]!.GetValue<int>().ShouldBe(run["findingCount"]!.GetValue<int>());

        var missing = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{run["id"]}/findings?category=missing-time&pageSize=200"))!;
        missing["total"]!.GetValue<int>().ShouldBeGreaterThan(0);
        foreach (var item in missing["items"]!.AsArray())
        {
            item!["finding"]!["category"]!.GetValue<string>().ShouldBe("missing-time");
            item["finding"]!["amountAtRisk"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
            item["sourceLinks"]!.AsArray().Count.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task StoredSnapshot_ReadsBackTheDemoMsp_AndHashesItAsTheHasherDoes()
    {
        var generated = DemoDataGenerator.Generate(DemoDataOptions.Default).Snapshot;

        var stored = await host.WithDbAsync(db => new BillingDataStore(db).LoadStoredSnapshotAsync(CancellationToken.None));

        stored.ShouldNotBeNull();
        stored.Snapshot.TimeEntries.Count.ShouldBe(generated.TimeEntries.Count);
        stored.Snapshot.TimeEntries.Select(t => t.Id).ShouldBe(generated.TimeEntries.Select(t => t.Id).Order());
        stored.Snapshot.Agreements.Count.ShouldBe(generated.Agreements.Count);
        stored.Hash.ShouldBe(SnapshotHasher.Compute(stored.Snapshot), "the hash taken while reading is the hash of the loaded snapshot");
        stored.Hash.ShouldBe(SnapshotHasher.Compute(generated), "the store gives back the snapshot the demo generator made");
    }

    [Fact]
    public async Task Run_ScopedToCompanies_OnlyReportsThoseCompanies()
    {
        var service = await host.ClientForAsync(Service);
        int[] pilot = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

        var run = await RunAsync(service, new { companyIds = pilot });

        var findings = (await service.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{run["id"]}/findings?pageSize=200"))!["items"]!.AsArray();
        findings.ShouldAllBe(f => pilot.Contains(f!["finding"]!["companyId"]!.GetValue<int>()));
        run["findingCount"]!.GetValue<int>().ShouldBeLessThan(GroundTruthCases());
    }

    [Fact]
    public async Task BillingValidateAction_RunsInAWorkflow_AndRecordsTheRun()
    {
        var finance = await host.ClientForAsync("finance@demo.local");

        var instance = await finance.StartAsync(TestWorkflows.Validate.DefinitionId);
        var finished = await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        var runId = finished["variables"]!["validation"]!["runId"]!.GetValue<string>();
        var run = (await finance.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{runId}"))!;
        run["startedBy"]!.GetValue<string>().ShouldBe($"workflow:{instance.Id()}");
        run["summary"]!["scope"]!["companyIds"]!.AsArray().Count.ShouldBe(10);
    }

    [Fact]
    public async Task Findings_WithAnUnknownSeverity_Returns400NamingIt()
    {
        var service = await host.ClientForAsync(Service);
        var run = await RunAsync(service, new { companyIds = new[] { 2 } });

        var response = await service.GetAsync($"/api/validation-runs/{run["id"]}/findings?severity=Apocalyptic");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("severity").ShouldBeTrue();
    }
}

public sealed class ValidationRunTestsOnSqlite(SqliteDemoProductHost host) : ValidationRunTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class ValidationRunTestsOnPostgres(PostgresDemoProductHost host) : ValidationRunTests(host), IClassFixture<PostgresDemoProductHost>;
