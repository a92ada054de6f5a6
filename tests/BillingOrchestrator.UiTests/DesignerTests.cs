using System.Diagnostics;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BillingOrchestrator.UiTests;

[Collection(BrowserCollection.Name)]
public sealed class DesignerTests(BrowserFixture browser, UiHost host, ITestOutputHelper output) : IClassFixture<UiHost>
{
    [Fact]
    public async Task Designer_EditGateApproverRoleAndPublish_PublishesVersion2WithTheNewRole()
    {
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "admin@demo.local", $"/designer/{TestWorkflows.Approval.DefinitionId}");
        var page = session.Page;
        await page.WaitForSelectorAsync(".activity-node[data-activity=gate]");

        await page.ClickAsync(".activity-node[data-activity=gate]");
        await page.WaitForSelectorAsync("#selected-activity:has-text('QualityGate · gate')");
        await SelectAsync(page, "#approver-role", "FinanceLead");
        await page.WaitForSelectorAsync(".activity-node[data-activity=gate]:has-text('FinanceLead')");

        await page.ClickAsync("#show-diff");
        (await page.InnerTextAsync("#diff")).ShouldContain("approverRole: ServiceManager → FinanceLead");
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("#designer-message:has-text('Published version 2')");
        (await page.InnerTextAsync("#designer-version")).ShouldContain("version 2 (published)");
        await session.ScreenshotAsync("designer-published-v2");

        await using var scope = host.Services.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().FindAsync(TestWorkflows.Approval.DefinitionId, VersionSelector.Published, CancellationToken.None);
        published!.Version.ShouldBe(2);
        var gate = JsonNode.Parse(published.Json)!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "gate")!;
        gate["approverRole"]!.GetValue<string>().ShouldBe("FinanceLead");
    }

    [Fact]
    public async Task Designer_FiftyActivityDefinitionWithoutPositions_IsLaidOutAndInteractive()
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionService>().SaveDraftAsync(FiftyActivities(), "test", CancellationToken.None);
        }

        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "admin@demo.local");
        var page = session.Page;
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/designer/fifty-steps");
        await page.ClickAsync(".activity-node[data-activity=a25]");
        await page.WaitForSelectorAsync("#selected-activity:has-text('a25')");
        clock.Stop();

        (await page.Locator(".activity-node").CountAsync()).ShouldBe(50);
        output.WriteLine($"50-activity definition: navigation to first node selected in {clock.ElapsedMilliseconds} ms");
        await session.ScreenshotAsync("designer-fifty-activities");
        // Auto-layout placed every node: no two share a position.
        var boxes = await page.Locator(".diagram-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.style.top + ',' + n.style.left)");
        boxes.Distinct().Count().ShouldBe(50);
    }

    [Fact]
    public async Task Designer_AtTabletWidth_StacksThePanelBelowTheCanvasAndReachesActivitiesByKeyboard()
    {
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "admin@demo.local", "/designer/billing-exception-approval");
        var page = session.Page;
        await page.SetViewportSizeAsync(820, 1180);
        await page.WaitForSelectorAsync(".activity-node[data-activity=confirm]");

        var canvas = await page.Locator("#designer-canvas").BoundingBoxAsync();
        var panel = await page.Locator("#property-panel").BoundingBoxAsync();
        panel!.Y.ShouldBeGreaterThan(canvas!.Y + canvas.Height - 1);
        panel.Width.ShouldBeGreaterThan(600);

        // The activity picker is the keyboard's way to a node: focus it, open it, choose with arrows and Enter.
        await page.FocusAsync("#activity-picker input[role=combobox]");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#selected-activity");
        await session.ScreenshotAsync("designer-tablet");
    }

    private static async Task SelectAsync(IPage page, string select, string option)
    {
        await page.ClickAsync($"{select} .mud-select");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{option}')");
    }

    private static string FiftyActivities()
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= 50; i++)
        {
            var activity = new JsonObject { ["id"] = $"a{i}", ["name"] = $"Step {i}" };
            if (i == 1)
            {
                activity["type"] = "Start";
            }
            else if (i == 50)
            {
                activity["type"] = "End";
            }
            else if (i % 5 == 0)
            {
                activity["type"] = "QualityGate";
                activity["approverRole"] = "FinanceLead";
            }
            else if (i % 3 == 0)
            {
                activity["type"] = "UserTask";
                activity["role"] = "ServiceManager";
            }
            else
            {
                activity["type"] = "Notify";
                activity["to"] = "FinanceLead";
                activity["subject"] = $"Step {i}";
            }

            activities.Add(activity);
            if (i > 1)
            {
                var connection = new JsonObject { ["source"] = $"a{i - 1}", ["target"] = $"a{i}" };
                if ((i - 1) % 5 == 0 && i - 1 != 50)
                {
                    connection["outcome"] = "Approved";
                }

                connections.Add(connection);
            }
        }

        return new JsonObject { ["definitionId"] = "fifty-steps", ["name"] = "Fifty steps", ["activities"] = activities, ["connections"] = connections }.ToJsonString();
    }
}
