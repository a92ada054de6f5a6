using BillingOrchestrator.Testing;

namespace BillingOrchestrator.UiTests;

[Collection(BrowserCollection.Name)]
public sealed class DispositionTests(BrowserFixture browser, UiHost host) : IClassFixture<UiHost>
{
    [Fact]
    public async Task Disposition_AboveMateriality_IsSubmittedByOnePersonAndConfirmedByAnother()
    {
        var service = await host.ClientForAsync("service@demo.local");
        var instance = await service.StartAsync("billing-exception-approval", new { amount = 900, exceptionId = "EX-42" });
        var review = await service.WaitForTaskAsync(instance.Id(), "review");

        await using (var manager = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "service@demo.local"))
        {
            await manager.Page.OpenTaskAsync(review.Id());
            (await manager.Page.InnerTextAsync("#two-person-rule")).ShouldContain("amount 900 · materiality threshold 500");
            (await manager.Page.InnerTextAsync("#must-confirm")).ShouldContain("a finance lead other than you must confirm");
            await manager.Page.FillAsync("#field-reason", "Out-of-scope project work billed at the agreement rate");
            await manager.Page.CompleteTaskAsync("Bill");
            await manager.ScreenshotAsync("disposition-submitted");
        }

        var confirm = await (await host.ClientForAsync("finance@demo.local")).WaitForTaskAsync(instance.Id(), "confirm");
        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local");
        await finance.Page.OpenTaskAsync(confirm.Id());
        (await finance.Page.InnerTextAsync("#submitted-by")).ShouldContain("Submitted by service@demo.local with disposition Bill");
        (await finance.Page.InnerTextAsync("#submitted-by")).ShouldContain("Out-of-scope project work");
        (await finance.Page.InnerTextAsync("#must-confirm")).ShouldContain("a finance lead other than service@demo.local");
        await finance.ScreenshotAsync("disposition-to-confirm");
        await finance.Page.CompleteTaskAsync("Confirm");

        var finished = await service.WaitForSubStatusAsync(instance.Id(), "Finished");
        var journal = await service.JournalAsync(instance.Id());
        var completions = journal.Where(j => j!["event"]!.GetValue<string>() == "TaskCompleted").Select(j => j!["actor"]!.GetValue<string>()).ToList();
        completions.ShouldBe(["service@demo.local", "finance@demo.local"]);
        finished["status"]!.GetValue<string>().ShouldBe("Finished");
    }
}
