using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Endpoints;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>A bearer token good for <paramref name="ExpiresIn"/> seconds, and the one-use refresh token that renews it.</summary>
    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

    public sealed record AntiforgeryResponse(string Token, string HeaderName);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync).AllowAnonymous();
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous();
        group.MapPost("/login", SignInAsync).AllowAnonymous();

        // Ends every session of the caller (cookies, UI tabs, bearer and refresh tokens), whichever way they signed in.
        group.MapPost("/logout", async (HttpContext http, SessionEnd sessions) =>
        {
            await sessions.SignOutAsync(http.User);
            return Results.NoContent();
        }).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/me", (HttpContext http) => Results.Ok(new
        {
            name = http.User.Identity?.Name,
            roles = Roles.All.Where(http.User.IsInRole).ToArray(),
        })).RequireAuthorization(Policies.AnyRole);

        // The token a cookie-signed-in browser sends in X-CSRF-TOKEN with every change; bound to the signed-in user.
        group.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new AntiforgeryResponse(tokens.RequestToken!, RequestForgeryProtection.HeaderName));
        }).RequireAuthorization(Policies.AnyRole);
        return app;
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest request, CredentialCheck credentials, UserManager<IdentityUser> users, TokenIssuer tokens, RefreshTokens refresh, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var user = await CheckCredentialsAsync(request, credentials);
        if (user is null)
        {
            return Problems.Unauthorized("email or password is wrong, or the account is locked");
        }

        return Results.Ok(await TokensAsync(user, null, users, tokens, refresh, options, cancellationToken));
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, UserManager<IdentityUser> users, TokenIssuer tokens, RefreshTokens refresh, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            throw new Workflows.Runtime.WorkflowValidationException([("refreshToken", "required")]);
        }

        var row = await refresh.RedeemAsync(request.RefreshToken, cancellationToken);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        if (row is null || user is null || !string.Equals(user.SecurityStamp, row.SecurityStamp, StringComparison.Ordinal) || await users.IsLockedOutAsync(user))
        {
            return Problems.Unauthorized("the refresh token is unknown, expired, already used or revoked, or the session has ended: sign in again");
        }

        return Results.Ok(await TokensAsync(user, row.FamilyId, users, tokens, refresh, options, cancellationToken));
    }

    private static async Task<TokenResponse> TokensAsync(IdentityUser user, string? familyId, UserManager<IdentityUser> users, TokenIssuer tokens, RefreshTokens refresh, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var access = tokens.Issue(user, await users.GetRolesAsync(user));
        var next = await refresh.IssueAsync(user, familyId, cancellationToken);
        return new TokenResponse(access, "Bearer", (int)options.Value.TokenLifetime.TotalSeconds, next);
    }

    private static async Task<IResult> SignInAsync(TokenRequest request, CredentialCheck credentials, SignInManager<IdentityUser> signIn)
    {
        var user = await CheckCredentialsAsync(request, credentials);
        if (user is null)
        {
            return Problems.Unauthorized("email or password is wrong, or the account is locked");
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return Results.NoContent();
    }

    private static async Task<IdentityUser?> CheckCredentialsAsync(TokenRequest request, CredentialCheck credentials)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            problems.Add(("email", "required"));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            problems.Add(("password", "required"));
        }

        if (problems.Count > 0)
        {
            throw new Workflows.Runtime.WorkflowValidationException(problems);
        }

        return await credentials.CheckAsync(request.Email!, request.Password!);
    }
}
