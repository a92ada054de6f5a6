using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace BillingOrchestrator.Web.Endpoints;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync).AllowAnonymous();
        group.MapPost("/login", SignInAsync).AllowAnonymous();
        group.MapPost("/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/me", (HttpContext http) => Results.Ok(new
        {
            name = http.User.Identity?.Name,
            roles = Roles.All.Where(http.User.IsInRole).ToArray(),
        })).RequireAuthorization(Policies.AnyRole);
        return app;
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest request, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, TokenIssuer tokens, Microsoft.Extensions.Options.IOptions<AuthOptions> options)
    {
        var user = await CheckCredentialsAsync(request, users, signIn);
        if (user is null)
        {
            return Problems.Unauthorized("email or password is wrong, or the account is locked");
        }

        var token = tokens.Issue(user, await users.GetRolesAsync(user));
        return Results.Ok(new TokenResponse(token, "Bearer", (int)options.Value.TokenLifetime.TotalSeconds));
    }

    private static async Task<IResult> SignInAsync(TokenRequest request, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
    {
        var user = await CheckCredentialsAsync(request, users, signIn);
        if (user is null)
        {
            return Problems.Unauthorized("email or password is wrong, or the account is locked");
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return Results.NoContent();
    }

    private static async Task<IdentityUser?> CheckCredentialsAsync(TokenRequest request, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
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

        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is null)
        {
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        return result.Succeeded ? user : null;
    }
}
