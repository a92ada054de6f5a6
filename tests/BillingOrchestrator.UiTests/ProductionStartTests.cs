using System.Text.RegularExpressions;

namespace BillingOrchestrator.UiTests;

/// <summary>
/// The UI as a user first meets it: the host started by <c>scripts/start.sh</c> (Production, SQLite, demo data), every
/// role signing in and opening every page its navigation offers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProductionStartTests(BrowserFixture browser, StartedProduct product) : IClassFixture<StartedProduct>
{
    [Fact]
    public async Task SignInPage_InProduction_ServesEveryScriptAndStylesheetItNames()
    {
        using var http = new HttpClient { BaseAddress = product.ServerAddress };
        var html = await http.GetStringAsync("/login");

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Where(u => u.StartsWith('_') || u.StartsWith('/')).Distinct().ToList();

        assets.ShouldContain(u => u.Contains("MudBlazor", StringComparison.Ordinal));
        assets.ShouldContain(u => u.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await http.GetAsync(asset.StartsWith('/') ? asset : "/" + asset);
            ((int)response.StatusCode).ShouldBe(200, $"{asset} in Production");
        }
    }

    [Theory]
    [InlineData("finance@demo.local")]
    [InlineData("service@demo.local")]
    [InlineData("psa-admin@demo.local")]
    [InlineData("auditor@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task EachRole_InProduction_OpensEveryPageOfItsNavigation_StyledInteractiveAndWithoutServerErrors(string email)
    {
        await using var session = await UiSession.SignInAsync(browser.Browser, product.ServerAddress, email);
        var failures = new List<string>();
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                failures.Add($"{response.Status} {response.Url}");
            }
        };
        session.Page.RequestFailed += (_, request) => failures.Add($"failed {request.Url}: {request.Failure}");

        var links = await session.Page.Locator("nav a[href]").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        links.ShouldContain("/");

        foreach (var link in links.Distinct())
        {
            await session.Page.GotoAsync(link);
            await session.Page.WaitForSelectorAsync("h1");
            (await session.Page.InnerTextAsync("h1")).ShouldNotBe("Not allowed", $"{email} is offered {link}");
            // MudBlazor's stylesheet fixes the app bar to the top; without it the page shows unstyled.
            (await session.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).position")).ShouldBe("fixed", link);
            await session.ScreenshotAsync($"production-{email.Split('@')[0]}{link.Replace('/', '-')}");
        }

        // The circuit is live: the menu button (an interactive handler, not a link) folds the navigation away.
        await session.Page.GotoAsync("/");
        await session.Page.WaitForSelectorAsync("#signed-in-user");
        await Testing.Eventually.ReturnsAsync(
            async () =>
            {
                if (await session.Page.Locator(".mud-drawer--closed").CountAsync() == 0)
                {
                    await session.Page.ClickAsync("[aria-label='Toggle navigation']");
                    await session.Page.WaitForTimeoutAsync(500);
                }

                return await session.Page.Locator(".mud-drawer--closed").CountAsync();
            },
            closed => closed == 1,
            "the navigation drawer to close");

        failures.ShouldBeEmpty();
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js)[^\"]*)\"")]
    private static partial Regex AssetReference();
}
