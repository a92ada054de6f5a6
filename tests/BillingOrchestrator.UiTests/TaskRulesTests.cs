using System.Net;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.UiTests;

/// <summary>What the API refuses on a task, the task panel does not offer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskRulesTests(BrowserFixture browser, UiHost host) : IClassFixture<UiHost>
{
    [Fact]
    public async Task TaskPanel_ForAnotherRolesTask_SaysItDoesNotExist_AsTheApiDoes()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        await using var psaAdmin = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "psa-admin@demo.local");
        await psaAdmin.Page.GotoAsync($"/tasks?task={review.Id()}");
        await psaAdmin.Page.WaitForSelectorAsync("#task-message");

        (await psaAdmin.Page.InnerTextAsync("#task-message")).ShouldContain($"Task {review.Id()} does not exist.");
        (await psaAdmin.Page.Locator("#task-panel").CountAsync()).ShouldBe(0);
        (await (await host.ClientForAsync("psa-admin@demo.local")).GetAsync($"/api/tasks/{review.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
