using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using UglyToad.PdfPig;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Playbook step 5 over the API: the weekly leakage dashboard, its drill-down, its PDF and the workflow action.</summary>
public abstract class LeakageDashboardTests(ProductHost host)
{
    [Fact]
    public async Task Dashboard_ForAWeek_BreakdownsAddUpToTheWeek_AndTrendEndsWithIt()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var dashboard = (await auditor.GetFromJsonAsync<JsonObject>("/api/dashboards/leakage?week=2026-10-21"))!;

        dashboard["weekStart"]!.GetValue<string>().ShouldBe("2026-10-19");
        var week = dashboard["thisWeek"]!;
        var unbilled = week["unbilledLabour"]!.GetValue<decimal>();
        (unbilled + week["writeOffs"]!.GetValue<decimal>()).ShouldBeGreaterThan(0m);
        dashboard["byCustomer"]!.AsArray().Sum(l => l!["totals"]!["unbilledLabour"]!.GetValue<decimal>()).ShouldBe(unbilled);
        dashboard["byServiceLine"]!.AsArray().Sum(l => l!["totals"]!["writeOffs"]!.GetValue<decimal>()).ShouldBe(week["writeOffs"]!.GetValue<decimal>());
        var trend = dashboard["trend"]!.AsArray();
        trend.Count.ShouldBe(8);
        trend[^1]!["weekStart"]!.GetValue<string>().ShouldBe("2026-10-19");
        trend[^1]!["totals"]!["unbilledLabour"]!.GetValue<decimal>().ShouldBe(unbilled);
        var top = dashboard["topAgreements"]!.AsArray().Select(a => a!["totals"]!["leak"]!.GetValue<decimal>()).ToList();
        top.ShouldBe(top.OrderByDescending(x => x).ToList());
    }

    [Fact]
    public async Task DrillDown_ListsTheWeeksTimeEntries_WithConnectWiseLinks()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var dashboard = (await auditor.GetFromJsonAsync<JsonObject>("/api/dashboards/leakage?week=2026-W43"))!;
        var agreement = dashboard["topAgreements"]!.AsArray()[0]!["agreementId"]!.GetValue<int>();

        var page = (await auditor.GetFromJsonAsync<JsonObject>($"/api/dashboards/leakage/entries?week=2026-W43&agreementId={agreement}&pageSize=200"))!;

        page["total"]!.GetValue<int>().ShouldBeGreaterThan(0);
        foreach (var item in page["items"]!.AsArray())
        {
            item!["agreementId"]!.GetValue<int>().ShouldBe(agreement);
            var date = DateOnly.Parse(item["date"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            date.ShouldBeInRange(new DateOnly(2026, 10, 19), new DateOnly(2026, 10, 25));
            item["sourceLink"]!.GetValue<string>().ShouldEndWith($"/time/entries/{item["timeEntryId"]}");
        }
    }

    [Fact]
    public async Task BadWeekOrMeasure_Returns400NamingTheField()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var week = await auditor.GetAsync("/api/dashboards/leakage?week=last-tuesday");
        var measure = await auditor.GetAsync("/api/dashboards/leakage/entries?measure=vibes");

        week.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await week.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("week").ShouldBeTrue();
        measure.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await measure.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("measure").ShouldBeTrue();
    }

    [Fact]
    public async Task Pdf_ShowsTheWeeksFigures_AndTheSnapshotActionStoresItAsEvidence()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var dashboard = (await finance.GetFromJsonAsync<JsonObject>("/api/dashboards/leakage?week=2026-W43"))!;
        var unbilled = dashboard["thisWeek"]!["unbilledLabour"]!.GetValue<decimal>().ToString("#,##0.00", CultureInfo.InvariantCulture);

        var pdf = await finance.GetAsync("/api/dashboards/leakage/pdf?week=2026-W43");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
            words.ShouldContain("2026-10-19");
            words.ShouldContain(unbilled);
            words.ShouldContain("Top");
            document.GetPages().SelectMany(p => p.GetImages()).ShouldNotBeEmpty("the trend chart is embedded");
        }

        var instance = await finance.StartAsync(TestWorkflows.LeakageSnapshot.DefinitionId);
        var finished = await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        var output = finished["variables"]!["snapshot"]!;
        output["weekStart"]!.GetValue<string>().ShouldBe("2026-10-19");
        var evidence = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instance.Id()}/evidence"))!;
        var item = evidence.ShouldHaveSingleItem()!;
        item["id"]!.GetValue<string>().ShouldBe(output["evidenceId"]!.GetValue<string>());
        item["controls"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain("PAI-8 C4 Financial telemetry");
        var stored = await finance.GetByteArrayAsync($"/api/evidence/{item["id"]}/content");
        using var again = PdfDocument.Open(stored);
        again.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ShouldContain(unbilled);
    }
}

public sealed class LeakageDashboardTestsOnSqlite(SqliteDemoProductHost host) : LeakageDashboardTests(host), IClassFixture<SqliteDemoProductHost>;
