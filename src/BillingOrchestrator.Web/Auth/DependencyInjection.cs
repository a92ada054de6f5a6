using System.Security.Claims;
using BillingOrchestrator.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace BillingOrchestrator.Web.Auth;

public static class DependencyInjection
{
    private const string SmartScheme = "CookieOrBearer";

    /// <summary>
    /// Identity users and roles; cookies for the UI, bearer tokens for API clients; every endpoint needs one of the
    /// product's roles unless it says otherwise.
    /// </summary>
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var authOptions = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        var signingKey = SigningKey.Load(authOptions, Persistence.DependencyInjection.DataDirectory(builder.Configuration));
        services.AddSingleton(signingKey);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<SessionEnd>();
        services.AddScoped<CredentialCheck>();
        services.AddScoped<RefreshTokens>();

        // One key ring for every host on the product database, kept across restarts: cookies and antiforgery tokens
        // issued by one host are read by the others. The application name, not the content root, scopes the keys.
        services.AddDataProtection().SetApplicationName("BillingOrchestrator").PersistKeysToDbContext<BillingDbContext>();
        services.AddAntiforgery(o => o.HeaderName = RequestForgeryProtection.HeaderName);

        // The cookie's stamp is re-read this often (which also refreshes its roles); every request checks it against
        // SessionValidator's short-lived view, which also sees lockouts.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = authOptions.SessionCheckInterval);

        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BillingDbContext>()
            .AddSignInManager();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context => SchemeFor(context.Request))
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Audience,
                    IssuerSigningKey = signingKey.Key,
                    NameClaimType = ClaimTypes.Name,
                    RoleClaimType = ClaimTypes.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                // A valid signature is not enough: the session it was issued in must still be current.
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (!await sessions.IsCurrentAsync(context.Principal!, fresh: false, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The session has ended: signed out, locked out, or the password or roles changed.");
                        }
                    },
                };
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/not-allowed";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
                // Signing in on /login?ReturnUrl=... redirects there; the raw value may hold characters no header may carry.
                o.Events.OnRedirectToReturnUrl = context =>
                {
                    context.Response.Redirect(LocalReturnUrl.Resolve(context.RedirectUri));
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = async context =>
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                    if (context.Principal is { } principal && !await sessions.IsCurrentAsync(principal, fresh: false, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(Roles.All).Build())
            .AddPolicy(Policies.AnyRole, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Owner, p => p.RequireRole(Roles.Owners))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.AuditReader, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.OperationsReader, p => p.RequireRole(Roles.Admin, Roles.FinanceLead, Roles.Auditor))
            .AddPolicy(Policies.CatalogEditor, p => p.RequireRole(Roles.FinanceLead, Roles.Admin))
            .AddPolicy(Policies.PsaOperator, p => p.RequireRole(Roles.PsaAdmin, Roles.Admin))
            .AddPolicy(Policies.ExceptionApprover, p => p.RequireRole(Roles.FinanceLead, Roles.ServiceManager, Roles.Admin))
            .AddPolicy(Policies.BatchReleaser, p => p.RequireRole(Roles.FinanceLead, Roles.Admin))
            .AddPolicy(Policies.EscalationEditor, p => p.RequireRole(Roles.FinanceLead, Roles.Admin))
            .AddPolicy(Policies.FeedReader, p => p.RequireRole([.. Roles.All, Roles.FeedReader]))
            .AddPolicy(Policies.FinanceOwner, p => p.RequireRole(Roles.FinanceLead, Roles.Admin));

        services.AddHostedService<IdentitySeeder>();
        services.AddScoped<Workflows.Tasks.ITaskAssigneeDirectory, IdentityAssigneeDirectory>();
        return builder;
    }

    /// <summary>The scheme a request authenticates with: an API key, a bearer token, or else the UI's cookie.</summary>
    public static string SchemeFor(HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName
        : request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtBearerDefaults.AuthenticationScheme
        : IdentityConstants.ApplicationScheme;

    /// <summary>Authentication, authorization, then the antiforgery check for cookie-authenticated API changes.</summary>
    public static WebApplication UseAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestForgeryProtection();
        return app;
    }

    // API callers get a status code, not a redirect to a sign-in page.
    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/odata") || context.Request.Path.StartsWithSegments("/openapi") || context.Request.Path.StartsWithSegments("/scalar"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
