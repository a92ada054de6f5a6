using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// A page on another port of the same host is same-site, so a SameSite cookie does not stop it from posting as the
/// signed-in user. Every state-changing request to the API or the feed that is authenticated by the cookie must
/// therefore carry an antiforgery token in <see cref="HeaderName"/> (from <c>GET /api/auth/antiforgery</c>, bound to the
/// user). Bearer tokens and API keys are not sent by browsers on their own, so their calls need none.
/// </summary>
public static class RequestForgeryProtection
{
    public const string HeaderName = "X-CSRF-TOKEN";

    private static readonly PathString[] Protected = ["/api", "/odata"];

    // Sign-in answers anonymous callers; it must stay usable from a browser that still holds an old cookie.
    private static readonly PathString[] SignIn = ["/api/auth/login", "/api/auth/token", "/api/auth/refresh"];

    /// <summary>Refuses cookie-authenticated API changes without a valid token; after authentication and authorization.</summary>
    public static IApplicationBuilder UseRequestForgeryProtection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (NeedsToken(context) && !await HasValidTokenAsync(context))
            {
                await TypedResults.Problem(
                        $"A signed-in browser's change needs the antiforgery token in the {HeaderName} header (GET /api/auth/antiforgery); API clients use a bearer token.",
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Antiforgery token missing or invalid")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool NeedsToken(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && Protected.Any(p => context.Request.Path.StartsWithSegments(p))
        && !SignIn.Any(p => context.Request.Path.StartsWithSegments(p))
        && context.User.Identity?.IsAuthenticated == true
        && DependencyInjection.SchemeFor(context.Request) == IdentityConstants.ApplicationScheme;

    private static async Task<bool> HasValidTokenAsync(HttpContext context)
    {
        // The header only: a form field would make this read (and buffer) a whole upload before refusing it.
        if (string.IsNullOrEmpty(context.Request.Headers[HeaderName]))
        {
            return false;
        }

        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }
}
