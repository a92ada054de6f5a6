using Microsoft.JSInterop;

namespace BillingOrchestrator.Web.Components.Shared;

/// <summary>
/// The signed-in viewer's time zone, asked once per circuit from the browser: times are stored in UTC and shown in the
/// viewer's local time. Until the browser has answered (or if it names a zone this server does not know) times stay UTC.
/// </summary>
public sealed class ViewerClock(IJSRuntime js)
{
    private Task<TimeZoneInfo>? _zone;

    public Task<TimeZoneInfo> ZoneAsync() => _zone ??= LoadAsync();

    private async Task<TimeZoneInfo> LoadAsync()
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/viewer-clock.js");
            var id = await module.InvokeAsync<string>("timeZone");
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }
        catch (JSException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
