using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Playbook step 6 over the API: a monthly review, its recommendations decided with reasons, the catalog changed.</summary>
public abstract class GovernanceTests(ProductHost host)
{
    [Fact]
    public async Task Review_AcceptedIncludedHoursChange_PublishesTheAgreementsNextOverride_RejectionChangesNothing()
    {
        var psaAdmin = await host.ClientForAsync("psa-admin@demo.local");
        var finance = await host.ClientForAsync("finance@demo.local");
        (await (await host.ClientForAsync("auditor@demo.local")).PostAsJsonAsync("/api/governance/reviews", new { month = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await psaAdmin.PostAsJsonAsync("/api/governance/reviews", new { month = "October" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("month").ShouldBeTrue();
        foreach (var outOfRange in new[] { "0001-01", "9999-12" })
        {
            var refused = await psaAdmin.PostAsJsonAsync("/api/governance/reviews", new { month = outOfRange });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, outOfRange);
            (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["month"]!.AsArray().Single()!.GetValue<string>().ShouldBe("must be a month from 2000-01 to 2099-12");
        }

        var created = await psaAdmin.PostAsJsonAsync("/api/governance/reviews", new { month = "2026-10" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var review = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        (await psaAdmin.PostAsJsonAsync("/api/governance/reviews", new { month = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        review["profitability"]!.AsArray().Count.ShouldBeGreaterThan(100);
        var row = review["profitability"]!.AsArray()[0]!;
        row["margin"]!.GetValue<decimal>().ShouldBe(row["revenue"]!.GetValue<decimal>() - row["labourCost"]!.GetValue<decimal>() - row["additionCost"]!.GetValue<decimal>());
        var recommendations = review["recommendations"]!.AsArray();
        recommendations.Select(r => r!["kind"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).ShouldBe(["change-included-hours", "enforce-coding", "repackage", "reprice"]);
        JsonNode? hours = null;
        foreach (var candidate in recommendations.Where(r => r!["kind"]!.GetValue<string>() is "change-included-hours" or "repackage"))
        {
            var agreement = (await finance.GetFromJsonAsync<JsonObject>($"/api/catalog/agreements/{candidate!["agreementId"]}"))!;
            if (agreement["owner"] is not null && agreement["intakeProblems"]?.AsArray().Count is null or 0)
            {
                hours = candidate;
                break;
            }
        }

        hours.ShouldNotBeNull("an enrolled agreement should carry an included-hours recommendation");
        var agreementId = hours["agreementId"]!.GetValue<int>();
        var proposed = hours["change"]!["includedHours"]!.GetValue<decimal>();
        var id = review["id"]!.GetValue<string>();
        var url = $"/api/governance/reviews/{id}/recommendations/{hours["id"]}/decision";

        (await psaAdmin.PostAsJsonAsync(url, new { decision = "accept", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var noReason = await finance.PostAsJsonAsync(url, new { decision = "accept" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("reason").ShouldBeTrue();
        var before = (await finance.GetFromJsonAsync<JsonObject>($"/api/catalog/agreements/{agreementId}"))!["overrides"]!.AsArray().Count;

        var accepted = await finance.PostAsJsonAsync(url, new { decision = "accept", reason = "three months over the block", effectiveFrom = "2026-11-01" });

        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var decision = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        decision["status"]!.GetValue<string>().ShouldBe("accepted");
        decision["catalogVersion"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var after = (await finance.GetFromJsonAsync<JsonObject>($"/api/catalog/agreements/{agreementId}"))!;
        var overrides = after["overrides"]!.AsArray();
        overrides.Count.ShouldBe(before + 1);
        overrides[^1]!["version"]!["number"]!.GetValue<int>().ShouldBe(decision["catalogVersion"]!.GetValue<int>());
        overrides[^1]!["included"]!["quantity"]!.GetValue<decimal>().ShouldBe(proposed);
        overrides[^1]!["version"]!["changeReason"]!.GetValue<string>().ShouldContain("three months over the block");
        (await finance.PostAsJsonAsync(url, new { decision = "reject", reason = "changed my mind" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var enforce = recommendations.First(r => r!["kind"]!.GetValue<string>() == "enforce-coding")!;
        var rejected = await finance.PostAsJsonAsync($"/api/governance/reviews/{id}/recommendations/{enforce["id"]}/decision", new { decision = "reject", reason = "one-off miscoding, already corrected" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);

        var stored = (await finance.GetFromJsonAsync<JsonObject>($"/api/governance/reviews/{id}"))!["recommendations"]!.AsArray();
        stored.Single(r => r!["id"]!.GetValue<string>() == enforce["id"]!.GetValue<string>())!["reason"]!.GetValue<string>().ShouldBe("one-off miscoding, already corrected");
        var audit = await AuditReader.ReadAllAsync(await host.ClientForAsync("auditor@demo.local"));
        audit.Count(e => e!["action"]!.GetValue<string>() == "governance.decide-recommendation").ShouldBe(2);
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "catalog.set-agreement-rules" && e["subject"]!.GetValue<string>() == $"agreement:{agreementId}");
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "governance.start-review" && e["subject"]!.GetValue<string>() == $"governance-review:{id}");
    }
}

public sealed class GovernanceTestsOnSqlite(SqliteDemoProductHost host) : GovernanceTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class GovernanceTestsOnPostgres(PostgresDemoProductHost host) : GovernanceTests(host), IClassFixture<PostgresDemoProductHost>;
