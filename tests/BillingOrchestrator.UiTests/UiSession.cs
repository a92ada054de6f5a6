using Microsoft.Playwright;

namespace BillingOrchestrator.UiTests;

/// <summary>A signed-in browser context for one person, with helpers every journey uses.</summary>
public sealed class UiSession(IBrowserContext context, IPage page, Uri baseAddress) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<UiSession> SignInAsync(IBrowser browser, Uri baseAddress, string email, string? returnPath = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/login" + (returnPath is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnPath)));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Testing.ProductHost.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#signed-in-user");
        return new UiSession(context, page, baseAddress);
    }

    /// <summary>Saves a full-page screenshot under the test output's screenshots folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public Uri BaseAddress { get; } = baseAddress;

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
