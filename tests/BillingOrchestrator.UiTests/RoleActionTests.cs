using System.Net;
using System.Text;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.Playwright;

namespace BillingOrchestrator.UiTests;

/// <summary>
/// For every role and every action the UI guards, the page offers the action exactly when the API lets the same person
/// do it. The API's answer is probed with a body it refuses (400 when allowed, 403 when not), so nothing changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleActionTests(BrowserFixture browser, UiDemoHost host) : IClassFixture<UiDemoHost>
{
    public static TheoryData<string> People => new() { "finance@demo.local", "service@demo.local", "psa-admin@demo.local", "auditor@demo.local", "admin@demo.local" };

    [Theory]
    [MemberData(nameof(People))]
    public async Task EveryGuardedAction_IsOfferedInTheUi_ExactlyWhenTheApiAllowsIt(string email)
    {
        var instanceId = (await (await host.ClientForAsync("finance@demo.local")).StartAsync(TestWorkflows.Approval.DefinitionId)).Id();
        var actions = new (string Page, string? Ready, string Control, HttpMethod Method, string Api, string? Body)[]
        {
            ($"/designer/{TestWorkflows.Approval.DefinitionId}", "#designer-canvas", "#save-draft", HttpMethod.Post, "/api/workflow-definitions", "[]"),
            ("/dashboards/kpis", "#no-baseline, #baseline-info, #kpi-error", "#record-baseline", HttpMethod.Post, "/api/kpis/baseline", "{\"replace\":\"not a boolean\"}"),
            ("/dashboards/governance", null, "#start-review", HttpMethod.Post, "/api/governance/reviews", "{\"month\":\"not a month\"}"),
            ("/evidence", null, "#verify-chain", HttpMethod.Get, "/api/audit/verify", null),
            ($"/instances/{instanceId}", null, "#migrate", HttpMethod.Post, $"/api/workflow-instances/{instanceId}/migrate", "{\"version\":\"not a number\"}"),
        };
        var api = await host.ClientForAsync(email);
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, email);
        var mismatches = new List<string>();

        foreach (var (page, ready, control, method, path, body) in actions)
        {
            using var probe = await api.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") });
            probe.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
            var apiAllows = probe.StatusCode != HttpStatusCode.Forbidden;

            await session.Page.GotoAsync(page);
            await session.Page.WaitForSelectorAsync("h1");
            if (ready is not null)
            {
                await session.Page.WaitForSelectorAsync(ready);
            }

            var uiOffers = apiAllows
                ? await Offered(session.Page, control)
                : await StaysAbsent(session.Page, control);
            if (uiOffers != apiAllows)
            {
                mismatches.Add($"{page} {control}: the API {(apiAllows ? "allows" : "refuses")} it ({(int)probe.StatusCode}), the UI {(uiOffers ? "offers" : "hides")} it");
            }
        }

        await session.ScreenshotAsync($"role-actions-{email.Split('@')[0]}");
        mismatches.ShouldBeEmpty();
    }

    private static async Task<bool> Offered(IPage page, string control)
    {
        try
        {
            await page.WaitForSelectorAsync(control, new() { Timeout = 10_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // A guarded control appears once the page has read the user's rights; give it that long before calling it absent.
    private static async Task<bool> StaysAbsent(IPage page, string control)
    {
        await page.WaitForTimeoutAsync(1_500);
        return await page.Locator(control).CountAsync() > 0;
    }
}
