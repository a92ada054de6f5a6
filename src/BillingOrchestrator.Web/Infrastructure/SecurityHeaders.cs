namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>
/// Headers on every response that keep the browser from being turned against the product: no framing, no MIME
/// sniffing (an uploaded file is never run as HTML or script), no plugins, no foreign form targets or base URLs, no
/// referrer leaks. A response that sets its own Content-Security-Policy keeps it.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
