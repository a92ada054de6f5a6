using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace BillingOrchestrator.Web.Components;

public static class DependencyInjection
{
    /// <summary>The web UI: Blazor with interactive server rendering, MudBlazor, and the services its pages share.</summary>
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        // Outside Development the host only looks in its own wwwroot, so MudBlazor's and the framework's files under
        // _content/ and _framework/ answer 500 when the built (not published) host runs, as scripts/start.sh runs it.
        // The build's static web assets manifest points at them; published output has no manifest and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<UiSession>();
        builder.Services.AddScoped<Shared.ViewerClock>();
        builder.Services.AddScoped<Pages.Tasks.TaskQueries>();
        return builder;
    }

    /// <summary>The pages at <c>/</c> and below, their static assets, and form antiforgery. Every page names its policy.</summary>
    public static WebApplication MapUi(this WebApplication app)
    {
        app.UseAntiforgery();
        // Scripts, styles and fonts carry no data; the sign-in page needs them before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        // Blazor would set its own "frame-ancestors 'self'"; the product's security headers already forbid framing outright.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
