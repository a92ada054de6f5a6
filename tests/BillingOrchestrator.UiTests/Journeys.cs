using Microsoft.Playwright;

namespace BillingOrchestrator.UiTests;

/// <summary>Steps the journeys share: opening a task, picking from a MudBlazor select, completing with an outcome.</summary>
public static class Journeys
{
    public static async Task SelectAsync(this IPage page, string container, string option)
    {
        await page.ClickAsync($"{container} .mud-select");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{option}')");
    }

    public static async Task OpenTaskAsync(this IPage page, string taskId)
    {
        await page.GotoAsync($"/tasks?task={taskId}");
        await page.WaitForSelectorAsync("#task-panel");
    }

    public static async Task CompleteTaskAsync(this IPage page, string outcome)
    {
        await page.SelectAsync("#task-outcome", outcome);
        await page.ClickAsync("#task-complete");
        await page.WaitForSelectorAsync($"#task-message:has-text('Completed with outcome {outcome}')");
    }
}
