namespace BillingOrchestrator.UiTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser, UiHost host) : IClassFixture<UiHost>
{
    [Theory]
    [InlineData("finance@demo.local", "FinanceLead", true)]
    [InlineData("service@demo.local", "ServiceManager", true)]
    [InlineData("psa-admin@demo.local", "PsaAdmin", true)]
    [InlineData("auditor@demo.local", "Auditor", false)]
    [InlineData("admin@demo.local", "Admin", true)]
    public async Task SignIn_AsEachRole_ShowsHomeWithTheRoleAndOnlyTheNavigationItMayUse(string email, string role, bool seesTaskInbox)
    {
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, email);
        await session.Page.WaitForSelectorAsync("#figure-open");

        (await session.Page.InnerTextAsync("#signed-in-user")).ShouldBe($"{email} · {role}");
        (await session.Page.InnerTextAsync("h1")).ShouldBe("Home");
        (await session.Page.Locator("nav >> text=Task inbox").CountAsync()).ShouldBe(seesTaskInbox ? 1 : 0);
        await session.ScreenshotAsync($"home-{role}");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_StaysOnTheFormAndSaysWhy()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = host.ServerAddress!.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "finance@demo.local");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        (await page.InnerTextAsync("[role=alert]")).ShouldContain("Email or password is wrong");
        page.Url.ShouldEndWith("/login");
        await context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithANonAsciiReturnUrl_SignsInAndGoesThere()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = host.ServerAddress!.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?ReturnUrl=%2F%C3%A9");
        await page.FillAsync("#email", "finance@demo.local");
        await page.FillAsync("#password", Testing.ProductHost.DemoPassword);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/%C3%A9");
        await page.GotoAsync("/");
        (await page.InnerTextAsync("#signed-in-user")).ShouldBe("finance@demo.local · FinanceLead");
        await context.CloseAsync();
    }

    [Fact]
    public async Task TaskInbox_AsAuditor_ShowsNotAllowed()
    {
        await using var session = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "auditor@demo.local");
        await session.Page.GotoAsync("/tasks");

        (await session.Page.InnerTextAsync("h1")).ShouldBe("Not allowed");
        await session.ScreenshotAsync("not-allowed-auditor-tasks");
    }
}
