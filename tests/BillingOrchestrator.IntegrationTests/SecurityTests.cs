using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Session and token hygiene, and the headers that keep browsers from being turned against the product.</summary>
public sealed class SecurityTests(SqliteProductHost host) : IClassFixture<SqliteProductHost>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/tasks")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var client = await host.ClientForAsync("finance@demo.local");

        var response = await client.GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("script-src 'self';");
    }

    [Fact]
    public async Task RefusedRequest_StillCarriesTheSecurityHeaders()
    {
        using var anonymous = host.CreateClient();

        var response = await anonymous.GetAsync("/api/tasks");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccount_EvenAgainstTheRightPassword()
    {
        const string email = "locked-out@demo.local";
        await CreateUserAsync(email, Roles.FinanceLead);
        using var client = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/auth/token", new { email, password = "not-the-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", new { email, password = ProductHost.DemoPassword });
        var cookie = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ProductHost.DemoPassword });

        right.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        cookie.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WithUsersAsync(async users => await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!))).ShouldBeTrue();
    }

    [Fact]
    public async Task ExpiredToken_IsRefused_AndAFreshOneFromTheSameKeyIsAccepted()
    {
        var key = host.Services.GetRequiredService<SigningKey>();
        var user = await WithUsersAsync(users => users.FindByEmailAsync("finance@demo.local"));
        var lifetime = Options.Create(new AuthOptions { TokenLifetime = TimeSpan.FromHours(1) });
        var expired = new TokenIssuer(key, lifetime, new FixedTime(DateTimeOffset.UtcNow.AddHours(-2))).Issue(user!, [Roles.FinanceLead]);
        var fresh = new TokenIssuer(key, lifetime, TimeProvider.System).Issue(user!, [Roles.FinanceLead]);
        using var client = host.CreateClient();

        var refused = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", expired) } });
        var accepted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", fresh) } });

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsRefused()
    {
        var user = await WithUsersAsync(users => users.FindByEmailAsync("admin@demo.local"));
        var forged = new TokenIssuer(SigningKey.Load(new AuthOptions(), Directory.CreateTempSubdirectory().FullName), Options.Create(new AuthOptions()), TimeProvider.System)
            .Issue(user!, [Roles.Admin]);
        using var client = host.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", forged) } });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task CreateUserAsync(string email, string role)
    {
        await WithUsersAsync(async users =>
        {
            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, ProductHost.DemoPassword)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
            return user;
        });
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<IdentityUser>, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
