using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.UiTests;

/// <summary>Starting a cycle from /cycles with its typed inputs, the auditor's read-only view, and a validation run's findings on /validation against the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CycleValidationTests(BrowserFixture browser, UiDemoHost host) : IClassFixture<UiDemoHost>
{
    private const string Playbook = "agreement-billing-integrity";

    [Fact]
    public async Task FinanceLead_StartsAPlaybookCycleForAMonth_FromTheCyclesPage_AndSeesItListed()
    {
        var api = await host.ClientForAsync("finance@demo.local");
        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local", "/cycles");
        var page = finance.Page;
        await page.WaitForSelectorAsync("#start-form");

        // A variable read from configuration is never offered; a number variable is a number field.
        await page.SelectAsync("#start-definition", "Billing exception approval");
        await page.WaitForSelectorAsync("#input-amount[data-kind='Number'] input");
        (await page.Locator("#input-materialityThreshold").CountAsync()).ShouldBe(0);

        // The playbook's cycle month is a month picker; step outputs (object variables) are not offered.
        await page.SelectAsync("#start-definition", "Agreement billing integrity");
        await page.WaitForSelectorAsync("#input-cycleMonth input[type='month']");
        (await page.Locator("#input-catalogReport").CountAsync()).ShouldBe(0);
        await page.FillAsync("#input-cycleMonth input", "2026-11");
        await page.ClickAsync("#start-cycle");

        var started = await WaitForAsync(async () =>
            (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances?definitionId={Playbook}&createdBy=finance@demo.local"))!["items"]!.AsArray().FirstOrDefault());
        var id = started!["id"]!.GetValue<string>();
        var instance = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{id}"))!;
        instance["variables"]!["cycleMonth"]!.GetValue<string>().ShouldBe("2026-11");

        // Listed with its name, who started it, and where it stands, linked to the instance page.
        var cell = page.Locator($"#cycle-list td[data-instance='{id}']");
        await cell.WaitForAsync();
        (await cell.Locator("a").GetAttributeAsync("href")).ShouldBe($"/instances/{id}");
        (await cell.InnerTextAsync()).ShouldContain("Agreement billing integrity");
        var row = page.Locator("#cycle-list tr").Filter(new() { Has = page.Locator($"td[data-instance='{id}']") });
        (await row.InnerTextAsync()).ShouldContain("finance@demo.local");
        (await row.Locator(".local-time").GetAttributeAsync("title")).ShouldEndWith(" UTC");
        (await row.Locator(".cycle-standing").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await finance.ScreenshotAsync("cycles-started");
    }

    [Fact]
    public async Task Auditor_SeesTheCycleList_ButNoStartForm()
    {
        await using var auditor = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "auditor@demo.local", "/cycles");
        var page = auditor.Page;
        await page.WaitForSelectorAsync("#cycle-list");
        (await page.Locator("#start-form").CountAsync()).ShouldBe(0);
        (await page.Locator("#start-cycle").CountAsync()).ShouldBe(0);
        (await page.Locator("nav a[href='/cycles']").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task FinanceLead_RunsAValidation_SeesTheApisFindings_AndFiltersThemByCategory()
    {
        var api = await host.ClientForAsync("finance@demo.local");
        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local", "/validation");
        var page = finance.Page;
        await page.WaitForSelectorAsync("#run-list");
        var before = (await api.GetFromJsonAsync<JsonArray>("/api/validation-runs"))!.Select(r => r!["id"]!.GetValue<string>()).ToHashSet();

        await page.ClickAsync("#run-validation");
        var run = await WaitForAsync(async () =>
            (await api.GetFromJsonAsync<JsonArray>("/api/validation-runs"))!.FirstOrDefault(r => !before.Contains(r!["id"]!.GetValue<string>())));
        var runId = run!["id"]!.GetValue<string>();
        run["startedBy"]!.GetValue<string>().ShouldBe("finance@demo.local");

        // The page opens the new run; its count of findings is the API's.
        var all = (await api.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{runId}/findings"))!;
        var total = all["total"]!.GetValue<int>();
        total.ShouldBeGreaterThan(0, "the demo data has leakage to find");
        await page.WaitForSelectorAsync($"#run-heading[data-run='{runId}']");
        await page.WaitForSelectorAsync($"#findings-total[data-total='{total}']");
        (await page.Locator($"#run-list tr[data-run='{runId}']").CountAsync()).ShouldBe(1);
        var first = all["items"]!.AsArray()[0]!;
        var firstLink = first["sourceLinks"]!.AsArray()[0]!.GetValue<string>();
        (await page.Locator($"#findings a.cw-link[href='{firstLink}']").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("#findings .finding-money").First.InnerTextAsync()).ShouldStartWith("$");

        // A category narrows the findings to that category, with the API's count for it.
        var category = run["summary"]!["totals"]!.AsArray().Select(t => t!).First(t => t["count"]!.GetValue<int>() is > 0 and var n && n < total)["category"]!.GetValue<string>();
        var narrowed = (await api.GetFromJsonAsync<JsonObject>($"/api/validation-runs/{runId}/findings?category={category}&pageSize=100"))!;
        var categoryTotal = narrowed["total"]!.GetValue<int>();
        categoryTotal.ShouldBeLessThan(total);
        await page.ClickAsync($"#group-{category}");
        await page.WaitForSelectorAsync($"#findings-total[data-total='{categoryTotal}']");
        var shown = await page.Locator("#findings td.finding-category").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.category)");
        shown.Length.ShouldBe(Math.Min(categoryTotal, 25));
        shown.ShouldAllBe(c => c == category);
        await finance.ScreenshotAsync("validation-findings");
    }

    private static async Task<JsonNode?> WaitForAsync(Func<Task<JsonNode?>> read)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (await read() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The UI's command did not show in the API within 30 s.");
    }
}
