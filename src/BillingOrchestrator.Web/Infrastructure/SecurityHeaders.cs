namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>
/// Headers on every response that keep the browser from being turned against the product: no framing, no MIME
/// sniffing (an uploaded file is never run as HTML or script), no plugins, no foreign form targets or base URLs, no
/// referrer leaks, and scripts only from the product's own files. A response that sets its own Content-Security-Policy
/// keeps it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the product's origin: the Blazor pages load blazor.web.js, MudBlazor's and the designer's
    /// script as files and have no inline script, so an injected <c>&lt;script&gt;</c> or <c>onclick=</c> does not run.
    /// Styles keep <c>'unsafe-inline'</c>: MudBlazor writes style attributes on its components (and Blazor can only
    /// render those inline), and a nonce cannot cover style attributes.
    /// </summary>
    public const string ContentSecurityPolicy = BaseContentSecurityPolicy + "; script-src 'self'; style-src 'self' 'unsafe-inline'";

    /// <summary>
    /// For the API reference (<c>/scalar</c>), whose page configures itself with an inline script it does not let us
    /// hash or nonce; it shows no product data beyond the OpenAPI document and is for signed-in users only.
    /// </summary>
    public const string BaseContentSecurityPolicy = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? BaseContentSecurityPolicy : ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
