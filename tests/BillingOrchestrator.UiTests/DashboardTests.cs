using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.UiTests;

/// <summary>A finance lead's week: the leakage dashboard against the API's figures, a drill-down to a time entry, the KPIs, a governance decision.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, UiDemoHost host) : IClassFixture<UiDemoHost>
{
    [Fact]
    public async Task FinanceLead_ReadsTheLeakageDashboard_DrillsToATimeEntry_OpensKpis_AndAcceptsARecommendation()
    {
        var api = await host.ClientForAsync("finance@demo.local");
        var dashboard = (await api.GetFromJsonAsync<JsonObject>("/api/dashboards/leakage"))!;
        var thisWeek = dashboard["thisWeek"]!;

        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local", "/dashboards/leakage");
        var page = finance.Page;
        await page.WaitForSelectorAsync("#fig-unbilled");

        // The page's figures are the API's, to the cent.
        (await page.InnerTextAsync("#fig-unbilled")).ShouldContain(Money(thisWeek["unbilledLabour"]!));
        (await page.InnerTextAsync("#fig-writeoffs")).ShouldContain(Money(thisWeek["writeOffs"]!));
        (await page.InnerTextAsync("#fig-overrun-hours")).ShouldContain(Number(thisWeek["overrunHours"]!));
        (await page.InnerTextAsync("#fig-overrun-value")).ShouldContain(Money(thisWeek["overrunValue"]!));
        var top = dashboard["topAgreements"]!.AsArray();
        top.Count.ShouldBeGreaterThan(0, "the demo data leaks in its last week");
        (await page.InnerTextAsync("#top-agreements")).ShouldContain(top[0]!["name"]!.GetValue<string>());
        (await page.GetAttributeAsync("#download-pdf", "href")).ShouldBe($"/api/dashboards/leakage/pdf?week={dashboard["weekStart"]!.GetValue<string>()}");
        await finance.ScreenshotAsync("leakage-dashboard");

        // Drill down from the top agreement to its time entries, each with its ConnectWise link.
        await page.ClickAsync("#top-agreements .leak-line >> nth=0 >> a.drill");
        await page.WaitForSelectorAsync("#drill-down td[data-entry]");
        var agreementId = top[0]!["agreementId"]!.GetValue<int>();
        var entries = (await api.GetFromJsonAsync<JsonObject>($"/api/dashboards/leakage/entries?agreementId={agreementId}&pageSize=100"))!;
        var first = entries["items"]!.AsArray()[0]!;
        var row = page.Locator("#drill-down tr").Filter(new() { Has = page.Locator($"td[data-entry='{first["timeEntryId"]!.GetValue<int>()}']") }).First;
        (await row.Locator("a.cw-link").GetAttributeAsync("href")).ShouldBe(first["sourceLink"]!.GetValue<string>());
        first["sourceLink"]!.GetValue<string>().ShouldContain($"time/entries/{first["timeEntryId"]}");
        (await page.InnerTextAsync("#drill-down")).ShouldContain($"{entries["total"]} entries");
        await page.Locator("#drill-down").ScrollIntoViewIfNeededAsync();
        await finance.ScreenshotAsync("leakage-drill-down");

        // KPIs: record the week-1 baseline, then each KPI shows its definition, baseline and target status.
        await page.ClickAsync("a[href='/dashboards/kpis']");
        await page.WaitForSelectorAsync("#record-baseline");
        await page.ClickAsync("#record-baseline");
        await page.WaitForSelectorAsync("#baseline-info");
        var kpis = (await api.GetFromJsonAsync<JsonObject>("/api/kpis"))!;
        var margin = page.Locator("#kpi-grossMargin");
        (await margin.InnerTextAsync()).ShouldContain("(Revenue − labour cost − addition cost) ÷ revenue");
        (await margin.Locator(".kpi-current").InnerTextAsync()).ShouldBe(Percent(kpis["report"]!["values"]!["grossMargin"]!));
        (await margin.Locator(".kpi-baseline").InnerTextAsync()).ShouldBe(Percent(kpis["baseline"]!["values"]!["grossMargin"]!));
        (await page.Locator(".kpi-status").CountAsync()).ShouldBe(3);
        await finance.ScreenshotAsync("kpis");

        // Governance: start the review and accept its first recommendation with a reason.
        await page.ClickAsync("a[href='/dashboards/governance']");
        await page.ClickAsync("#start-review");
        await page.WaitForSelectorAsync("#recommendations .recommendation");
        var recommendation = page.Locator("#recommendations .recommendation[data-status='pending']").First;
        var recommendationId = await recommendation.GetAttributeAsync("data-recommendation");
        await recommendation.Locator(".reason input").FillAsync("Agreed at the monthly review: the block is too small");
        await recommendation.Locator("button.accept").ClickAsync();
        await page.WaitForSelectorAsync($"#recommendations .recommendation[data-recommendation='{recommendationId}'][data-status='accepted']");
        await finance.ScreenshotAsync("governance-accepted");

        var reviews = (await api.GetFromJsonAsync<JsonArray>("/api/governance/reviews"))!;
        var review = (await api.GetFromJsonAsync<JsonObject>($"/api/governance/reviews/{reviews[0]!["id"]}"))!;
        var decided = review["recommendations"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == recommendationId)!;
        decided["status"]!.GetValue<string>().ShouldBe("accepted");
        decided["decidedBy"]!.GetValue<string>().ShouldBe("finance@demo.local");
        decided["reason"]!.GetValue<string>().ShouldBe("Agreed at the monthly review: the block is too small");
    }

    // The API writes Money and Hours as JSON numbers; the page shows them with thousands separators and two decimals.
    private static string Money(JsonNode amount) => Number(amount);

    private static string Number(JsonNode value) => value.GetValue<decimal>().ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Percent(JsonNode value) => (value.GetValue<decimal>() * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
