using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.UiTests;

/// <summary>An open tab does not outlive its session: signing out anywhere ends what every tab of that user may do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture browser, SessionTests.SlowRevalidationHost host) : IClassFixture<SessionTests.SlowRevalidationHost>
{
    /// <summary>
    /// Tabs revalidate every 15 s here, so the claim below is refused by the action's own check, not because the tab
    /// happened to revalidate first; the tab's revalidation is then seen on its own.
    /// </summary>
    public sealed class SlowRevalidationHost : UiHost
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:SessionCheckInterval", "00:00:15");
        }
    }

    [Fact]
    public async Task SignOutInOneTab_TheOtherTabCanNoLongerClaimATask_AndIsSentToSignIn()
    {
        // A user of its own: signing out ends every session of the user, and the other tests' demo users must keep theirs.
        var email = $"tabs-{Guid.NewGuid():N}@demo.local";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, ProductHost.DemoPassword)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, "FinanceLead")).Succeeded.ShouldBeTrue();
        }

        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 100 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, email);
        var open = session.Page;
        await open.OpenTaskAsync(review.Id());
        (await open.InnerTextAsync("#task-status")).ShouldBe("Available");

        var other = await open.Context.NewPageAsync();
        await other.GotoAsync("/");
        await other.WaitForSelectorAsync("#signed-in-user");
        await other.ClickAsync("button:has-text('Sign out')");
        await other.WaitForURLAsync("**/login");

        await open.ClickAsync("#task-panel button:has-text('Claim')");
        await open.WaitForSelectorAsync("#task-message:has-text('Your session has ended')");
        await session.ScreenshotAsync("claim-after-sign-out-refused");
        var task = await host.WithDbAsync(db => db.Set<UserTask>().AsNoTracking().SingleAsync(t => t.Id == review.Id()));
        task.Status.ShouldBe(UserTaskStatus.Available);
        task.Assignee.ShouldBeNull();

        // The tab's circuit revalidates its session and leaves for the sign-in page on its own.
        await open.WaitForURLAsync("**/login**", new() { Timeout = 45_000 });
    }
}
