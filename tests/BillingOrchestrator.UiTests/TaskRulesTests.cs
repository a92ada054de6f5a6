using System.Net;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.UiTests;

/// <summary>What the API refuses on a task, the task panel does not offer: other roles' tasks, the two-person rule, ineligible assignees.</summary>
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

    [Fact]
    public async Task TaskPanel_ForTheAdminWhoReviewed_OffersNoConfirmation_AndNamesTheTwoPersonRule()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var instance = await admin.StartAsync("billing-exception-approval", new { amount = 900, exceptionId = "EX-UI-2" });
        (await admin.CompleteAsync(await admin.WaitForTaskAsync(instance.Id(), "review"), "Bill", new { reason = "billable" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirm = await admin.WaitForTaskAsync(instance.Id(), "confirm");

        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "admin@demo.local");
        await session.Page.OpenTaskAsync(confirm.Id());

        (await session.Page.InnerTextAsync("#two-person-refusal")).ShouldContain("Two-person rule");
        (await session.Page.Locator("#task-complete").CountAsync()).ShouldBe(0);
        (await admin.CompleteAsync(confirm, "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AssignPicker_OffersOnlyActiveHoldersOfTheTasksRole()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "admin@demo.local");
        await session.Page.OpenTaskAsync(review.Id());
        await session.Page.ClickAsync("#task-assignee .mud-select");
        await session.Page.WaitForSelectorAsync(".mud-popover-open .mud-list-item");
        var offered = await session.Page.Locator(".mud-popover-open .mud-list-item").AllInnerTextsAsync();

        offered.Select(o => o.Trim()).ShouldBe(["finance@demo.local"]);
        await session.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('finance@demo.local')");
        await session.Page.ClickAsync("#task-assign");
        await session.Page.WaitForSelectorAsync("#task-message:has-text('Assigned to finance@demo.local')");
    }
}
