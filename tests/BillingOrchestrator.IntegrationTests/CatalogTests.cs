using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Playbook steps 1 and 2 over the API, on the demo MSP loaded at start-up.</summary>
public abstract class CatalogTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task DemoData_IsLoadedOnFirstStart_WithOwnersRulesAndSourceLinks()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var page = (await auditor.GetFromJsonAsync<JsonObject>("/api/catalog/agreements?pageSize=200"))!;

        page["total"]!.GetValue<int>().ShouldBe(200);
        var enrolled = page["items"]!.AsArray().First(a => a!["enrolled"]!.GetValue<bool>() && a["hasRules"]!.GetValue<bool>())!;
        var id = enrolled["id"]!.GetValue<int>();
        var detail = (await auditor.GetFromJsonAsync<JsonObject>($"/api/catalog/agreements/{id}"))!;
        detail["owner"]!.GetValue<string>().ShouldContain("@");
        detail["effectiveRules"].ShouldNotBeNull();
        detail["sourceLink"]!.GetValue<string>().ShouldEndWith($"/finance/agreements/{id}");
        (await auditor.GetFromJsonAsync<JsonArray>("/api/catalog/agreement-types"))!.Count.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task EnrollAgreement_WithIntakeGaps_NamesEveryFieldAtOnce_AndOwnerOnlyGapCanBeClosed()
    {
        var finance = await host.ClientForAsync(Finance);
        var report = (await finance.GetFromJsonAsync<JsonObject>("/api/catalog/completeness"))!;
        var agreements = (await finance.GetFromJsonAsync<JsonObject>("/api/catalog/agreements?pageSize=200"))!["items"]!.AsArray();
        report["agreementsChecked"]!.GetValue<int>().ShouldBe(agreements.Count(a => a!["agreementStatus"]!.GetValue<string>() == "Active"));
        var gaps = report["gaps"]!.AsArray().Select(g => g!.AsObject()).ToList();
        var fieldGap = gaps.First(g => g["problems"]!.AsArray().Count(p => p!["field"]!.GetValue<string>() is not ("owner" or "rules")) >= 1);
        var expected = fieldGap["problems"]!.AsArray().Select(p => p!["field"]!.GetValue<string>()).Where(f => f is not ("owner" or "rules")).Distinct().Order().ToList();

        var refused = await finance.PutAsJsonAsync($"/api/catalog/agreements/{fieldGap["agreementId"]}/rules", new { owner = "finance@demo.local" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ProblemAsync(refused))["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        errors.ShouldBe(expected);

        var ownerGap = gaps.FirstOrDefault(g => g["problems"]!.AsArray().All(p => p!["field"]!.GetValue<string>() == "owner"));
        ownerGap.ShouldNotBeNull("the demo data should hold an agreement whose only gap is its owner");
        var enrolled = await finance.PutAsJsonAsync($"/api/catalog/agreements/{ownerGap["agreementId"]}/rules", new { owner = "dana.whitfield@demo.local" });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
        (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["owner"]!.GetValue<string>().ShouldBe("dana.whitfield@demo.local");
        var after = (await finance.GetFromJsonAsync<JsonObject>("/api/catalog/completeness"))!;
        after["gaps"]!.AsArray().ShouldNotContain(g => g!["agreementId"]!.GetValue<int>() == ownerGap["agreementId"]!.GetValue<int>());
    }

    [Fact]
    public async Task PublishRuleSet_NextVersionSupersedesThePrevious_AndIsAudited()
    {
        var finance = await host.ClientForAsync(Finance);
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var type = (await finance.GetFromJsonAsync<JsonArray>("/api/catalog/agreement-types"))!.First(t => t!["currentRules"] is not null)!;
        var typeId = type["agreementType"]!["id"]!.GetValue<int>();
        var current = type["currentRules"]!.AsObject();
        var from = DateOnly.Parse(current["version"]!["effectiveFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddYears(1);

        var incomplete = await finance.PutAsJsonAsync($"/api/catalog/agreement-types/{typeId}", new { changeReason = "" });
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(incomplete))["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["effectiveFrom", "overage"]);

        var published = await finance.PutAsJsonAsync($"/api/catalog/agreement-types/{typeId}", new
        {
            effectiveFrom = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            changeReason = "Raise the overage threshold after the Q3 review",
            included = current["included"],
            coversTime = current["coversTime"],
            excludedWorkTypeIds = current["excludedWorkTypeIds"],
            overage = new { thresholdPercent = 110, action = "BillAtOverageRate", overageRate = 165.00m },
        });

        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var body = (await published.Content.ReadFromJsonAsync<JsonObject>())!;
        body["version"]!["number"]!.GetValue<int>().ShouldBe(current["version"]!["number"]!.GetValue<int>() + 1);
        body["version"]!["approvedBy"]!.GetValue<string>().ShouldBe(Finance);
        var history = (await finance.GetFromJsonAsync<JsonObject>($"/api/catalog/agreement-types/{typeId}"))!["history"]!.AsArray();
        history[^2]!["version"]!["effectiveTo"]!.GetValue<string>().ShouldBe(from.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var audit = (await auditor.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "catalog.publish-rule-set" && e["subject"]!.GetValue<string>() == $"agreement-type:{typeId}");
    }

    [Fact]
    public async Task CatalogChanges_AreForFinanceLeadsAndAdminsOnly()
    {
        var service = await host.ClientForAsync("service@demo.local");

        (await service.PutAsJsonAsync("/api/catalog/agreement-types/1", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.PutAsJsonAsync("/api/catalog/agreements/1/rules", new { owner = "x@y.z" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.PutAsJsonAsync("/api/coding-standards", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Classification_FlagsMiscodedEntries_WithTheDecidingRuleAndSourceLink()
    {
        var service = await host.ClientForAsync("service@demo.local");

        var page = (await service.GetFromJsonAsync<JsonObject>("/api/time-entries/classification?miscodedOnly=true&pageSize=50"))!;

        page["total"]!.GetValue<int>().ShouldBeGreaterThan(0);
        foreach (var item in page["items"]!.AsArray())
        {
            item!["result"]!["isMiscoded"]!.GetValue<bool>().ShouldBeTrue();
            item["result"]!.ToJsonString().ShouldContain("rule", Case.Insensitive);
            item["sourceLink"]!.GetValue<string>().ShouldEndWith($"/time/entries/{item["timeEntryId"]}");
        }
    }

    [Fact]
    public async Task CodingStandard_Revision_BecomesTheNextVersion()
    {
        var finance = await host.ClientForAsync(Finance);
        var versions = (await finance.GetFromJsonAsync<JsonArray>("/api/coding-standards"))!;
        var latest = versions[0]!;
        var rules = latest["standard"]!["rules"]!.DeepClone();

        var revised = await finance.PutAsJsonAsync("/api/coding-standards", new { effectiveFrom = "2027-01-01", changeReason = "Annual review", rules });

        revised.StatusCode.ShouldBe(HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
        var after = (await finance.GetFromJsonAsync<JsonArray>("/api/coding-standards"))!;
        after[0]!["version"]!.GetValue<int>().ShouldBe(latest["version"]!.GetValue<int>() + 1);
        after[0]!["approvedBy"]!.GetValue<string>().ShouldBe(Finance);
    }
}

public sealed class CatalogTestsOnSqlite(SqliteDemoProductHost host) : CatalogTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class CatalogTestsOnPostgres(PostgresDemoProductHost host) : CatalogTests(host), IClassFixture<PostgresDemoProductHost>;
