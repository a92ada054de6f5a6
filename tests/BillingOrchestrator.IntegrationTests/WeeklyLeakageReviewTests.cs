using System.Net;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The weekly leakage review (steps 3 and 5) on the demo MSP: its dashboard snapshot comes from the week's findings.</summary>
public abstract class WeeklyLeakageReviewTests(ProductHost host)
{
    [Fact]
    public async Task WeeklyReview_ValidatesThenSnapshotsTheDashboardFromTheFindings_EachStepPassingItsGate()
    {
        var service = await host.ClientForAsync("service@demo.local");
        var approver = await host.ClientForAsync("service-approver@demo.local");
        var psaAdmin = await host.ClientForAsync("psa-admin@demo.local");
        var instanceId = (await service.StartAsync("weekly-leakage-review")).Id();

        (await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, "s3-review-findings"), "Done", new { summary = "reviewed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approver.CompleteAsync(await approver.WaitForTaskAsync(instanceId, "s3-gate"), "Approved")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await psaAdmin.WaitForTaskAsync(instanceId, "s5-publish-dashboard");

        var variables = (await service.GetInstanceAsync(instanceId))["variables"]!;
        var leakage = variables["leakage"]!;
        leakage["items"]!.GetValue<int>().ShouldBe(variables["validation"]!["findings"]!.GetValue<int>());
        leakage["unbilledLabor"]!.GetValue<decimal>().ShouldBe(variables["validation"]!["amountAtRisk"]!.GetValue<decimal>());
        leakage["source"]!.GetValue<string>().ShouldBe($"/api/validation-runs/{variables["validation"]!["runId"]}/findings");
        var snapshot = await service.GetStringAsync($"/api/evidence/{leakage["evidenceId"]}/content");
        snapshot.ShouldContain("byServiceLine");
    }
}

public sealed class WeeklyLeakageReviewTestsOnSqlite(SqlitePlaybookProductHost host) : WeeklyLeakageReviewTests(host), IClassFixture<SqlitePlaybookProductHost>;

public sealed class WeeklyLeakageReviewTestsOnPostgres(PostgresPlaybookProductHost host) : WeeklyLeakageReviewTests(host), IClassFixture<PostgresPlaybookProductHost>;
