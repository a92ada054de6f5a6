using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Sessions end when they should (sign-out, lockout, password change), bearer tokens are short and renewed by one-use
/// refresh tokens, and a cookie-signed-in browser's API changes need an antiforgery token. Each test signs in as a user
/// of its own, since ending a session ends every session of that user.
/// </summary>
public abstract class SessionTests(ProductHost host)
{
    [Fact]
    public async Task SignOut_EndsACopiedCookie()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        using var browser = host.CreateClient();
        using var attacker = host.CreateClient();
        var session = await CookieSession.SignInAsync(browser, email);
        var copy = CookieSession.CopyOf(attacker, session);
        (await copy.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signedOut = await session.PostAsync("/api/auth/logout", null);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await copy.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await copy.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenEndpoint_KeepsAccessToken_AndAddsAShortLifetimeAndARefreshToken()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);

        var tokens = await TokensAsync(email);

        tokens["accessToken"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        tokens["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        tokens["expiresIn"]!.GetValue<int>().ShouldBe(15 * 60);
        tokens["refreshToken"]!.GetValue<string>().Length.ShouldBeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public async Task SignOut_WithABearerToken_RevokesTheTokenAndItsRefreshToken()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        var tokens = await TokensAsync(email);
        using var client = Bearer(tokens);
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signedOut = await client.PostAsync("/api/auth/logout", null);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(tokens["refreshToken"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lockout_RevokesTheUsersBearerTokens()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        using var client = Bearer(await TokensAsync(email));
        (await client.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password = "not-the-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await client.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lockout_EndsTheUsersCookieSessions()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        using var browser = host.CreateClient();
        var session = await CookieSession.SignInAsync(browser, email);
        (await session.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await session.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_RevokesTheUsersBearerTokens_WithinTheSessionCheckInterval()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        var tokens = await TokensAsync(email);
        using var client = Bearer(tokens);
        (await client.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Changed outside this host's sign-in paths (another host, an admin tool): seen once the cached stamp is re-read.
        await WithUsersAsync(async users => (await users.ChangePasswordAsync((await users.FindByEmailAsync(email))!, ProductHost.DemoPassword, "An0ther-Passw0rd!")).Succeeded.ShouldBeTrue());

        await Eventually.ReturnsAsync(async () => (await client.GetAsync("/api/tasks")).StatusCode, s => s == HttpStatusCode.Unauthorized, "the old token to be refused");
        (await RefreshAsync(tokens["refreshToken"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_IssuesANewPairOnce_AndReusingAUsedTokenRevokesTheFamily()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        var first = (await TokensAsync(email))["refreshToken"]!.GetValue<string>();

        var renewed = await RefreshAsync(first);

        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await renewed.Content.ReadFromJsonAsync<JsonObject>())!;
        second["refreshToken"]!.GetValue<string>().ShouldNotBe(first);
        using (var client = Bearer(second))
        {
            (await client.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["name"]!.GetValue<string>().ShouldBe(email);
        }

        (await RefreshAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a used refresh token was accepted again");
        (await RefreshAsync(second["refreshToken"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the reuse did not revoke the rest of the family");
    }

    [Fact]
    public async Task Refresh_WithAnUnknownToken_Is401_AndWithoutOne_Is400NamingIt()
    {
        (await RefreshAsync("not-a-token")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = host.CreateClient();
        var missing = await client.PostAsJsonAsync("/api/auth/refresh", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["refreshToken"]);
    }

    [Fact]
    public async Task CookieUpload_WithoutAntiforgeryToken_IsRefusedAndAttachesNothing()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        var instanceId = (await (await host.ClientForAsync("finance@demo.local")).StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 100 })).Id();
        using var browser = host.CreateClient();
        var session = await CookieSession.SignInAsync(browser, email);

        var forged = await session.PostAsync($"/api/workflow-instances/{instanceId}/evidence", WorkflowApi.EvidenceUpload(Encoding.UTF8.GetBytes("a,b\n"), "forged.csv", "review"), antiforgery: false);
        var forgedNote = await session.PostAsync($"/api/workflow-instances/{instanceId}/evidence/notes", JsonContent.Create(new { kind = "note", name = "forged", note = "forged", activityId = "review" }), antiforgery: false);
        var started = await session.PostAsync("/api/workflow-instances", JsonContent.Create(new { definitionId = TestWorkflows.Approval.DefinitionId }), antiforgery: false);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).ShouldContain("X-CSRF-TOKEN");
        forgedNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        started.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.WithDbAsync(db => db.Set<EvidenceItem>().CountAsync(e => e.InstanceId == instanceId))).ShouldBe(0);
    }

    [Fact]
    public async Task CookieUpload_WithTheSessionsAntiforgeryToken_IsAccepted()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        var instanceId = (await (await host.ClientForAsync("finance@demo.local")).StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 100 })).Id();
        using var browser = host.CreateClient();
        var session = await CookieSession.SignInAsync(browser, email);

        var uploaded = await session.PostAsync($"/api/workflow-instances/{instanceId}/evidence", WorkflowApi.EvidenceUpload(Encoding.UTF8.GetBytes("a,b\n"), "report.csv", "review"));

        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        (await host.WithDbAsync(db => db.Set<EvidenceItem>().CountAsync(e => e.InstanceId == instanceId))).ShouldBe(1);
    }

    [Fact]
    public async Task CookieChange_WithAnotherUsersAntiforgeryToken_IsRefused()
    {
        using var browser = host.CreateClient();
        var victim = await CookieSession.SignInAsync(browser, await CreateUserAsync(Roles.FinanceLead));
        var attacker = await CookieSession.SignInAsync(host.CreateClient(), await CreateUserAsync(Roles.FinanceLead));
        var attackersToken = await attacker.AntiforgeryTokenAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-instances") { Content = JsonContent.Create(new { definitionId = TestWorkflows.Approval.DefinitionId }) };
        request.Headers.Add("Cookie", victim.CookieHeader);
        request.Headers.Add("X-CSRF-TOKEN", attackersToken);
        var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BearerChange_NeedsNoAntiforgeryToken_AndSignInNeedsNone()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        using var client = Bearer(await TokensAsync(email));
        using var browser = host.CreateClient();
        var session = await CookieSession.SignInAsync(browser, email);

        // Signing in again while the browser still holds a session cookie, without a token.
        var again = await session.PostAsync("/api/auth/login", JsonContent.Create(new { email, password = ProductHost.DemoPassword }), antiforgery: false);
        var started = await client.PostAsJsonAsync("/api/workflow-instances", new { definitionId = TestWorkflows.Approval.DefinitionId });

        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task DataProtectionKeys_LiveInTheDatabase_SoASecondHostAcceptsTheCookieAndAntiforgeryToken()
    {
        var email = await CreateUserAsync(Roles.FinanceLead);
        using var first = host.CreateClient();
        var session = await CookieSession.SignInAsync(first, email);
        await session.AntiforgeryTokenAsync();
        IAsyncLifetime other = new SameDatabaseHost(host);
        await other.InitializeAsync();
        HttpResponseMessage me, change;
        try
        {
            using var second = ((ProductHost)other).CreateClient();
            var there = CookieSession.CopyOf(second, session);
            me = await there.GetAsync("/api/auth/me");
            change = await there.PostAsync("/api/workflow-instances", JsonContent.Create(new { definitionId = TestWorkflows.Approval.DefinitionId }));
        }
        finally
        {
            await other.DisposeAsync();
        }

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        change.StatusCode.ShouldBe(HttpStatusCode.Created, await change.Content.ReadAsStringAsync());
        (await host.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0);
    }

    private async Task<JsonObject> TokensAsync(string email)
    {
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = ProductHost.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = host.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
    }

    private HttpClient Bearer(JsonObject tokens)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        return client;
    }

    private async Task<string> CreateUserAsync(string role)
    {
        var email = $"session-{Guid.NewGuid():N}@demo.local";
        await WithUsersAsync(async users =>
        {
            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, ProductHost.DemoPassword)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        });
        return email;
    }

    private async Task WithUsersAsync(Func<UserManager<IdentityUser>, Task> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    /// <summary>Another host on <paramref name="first"/>'s database (a second node of a cluster, or the same one restarted).</summary>
    private sealed class SameDatabaseHost(ProductHost first) : ProductHost(first.Kind)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in first.Database.Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Workflows:Directory", first.WorkflowsDirectory);
        }
    }
}

public sealed class SessionTestsOnSqlite(SqliteProductHost host) : SessionTests(host), IClassFixture<SqliteProductHost>;

public sealed class SessionTestsOnPostgres(PostgresProductHost host) : SessionTests(host), IClassFixture<PostgresProductHost>;
