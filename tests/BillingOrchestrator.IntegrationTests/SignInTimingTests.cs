using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BillingOrchestrator.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Signing in with an unknown e-mail does the same work as with a known one (one password hash), so the time of the
/// answer does not tell which accounts exist. Asserted by counting the real hasher's verifications, not by timing.
/// </summary>
public sealed partial class SignInTimingTests(SignInTimingTests.CountingHasherHost host) : IClassFixture<SignInTimingTests.CountingHasherHost>
{
    [Theory]
    [InlineData("/api/auth/token")]
    [InlineData("/api/auth/login")]
    public async Task UnknownEmail_VerifiesAPasswordHash_LikeAKnownEmail(string endpoint)
    {
        using var client = host.CreateClient();

        var known = await VerificationsDuringAsync(() => client.PostAsJsonAsync(endpoint, new { email = "auditor@demo.local", password = "not-the-password" }));
        var unknown = await VerificationsDuringAsync(() => client.PostAsJsonAsync(endpoint, new { email = "nobody@nowhere.invalid", password = "not-the-password" }));

        known.Status.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Status.ShouldBe(HttpStatusCode.Unauthorized);
        known.Verifications.ShouldBe(1);
        unknown.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task SignInPage_WithAnUnknownEmail_VerifiesAPasswordHash()
    {
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;

        var (status, verifications) = await VerificationsDuringAsync(() => client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Email"] = "nobody@nowhere.invalid",
            ["Input.Password"] = "not-the-password",
        })));

        status.ShouldBe(HttpStatusCode.OK);
        verifications.ShouldBe(1);
    }

    private async Task<(HttpStatusCode Status, int Verifications)> VerificationsDuringAsync(Func<Task<HttpResponseMessage>> call)
    {
        var before = host.Hasher.Verifications;
        var response = await call();
        return (response.StatusCode, host.Hasher.Verifications - before);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The product with its real password hasher, wrapped to count verifications.</summary>
    public sealed class CountingHasherHost() : ProductHost(TestDatabaseKind.Sqlite)
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<IdentityUser>>(Hasher));
        }
    }

    public sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _real = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(IdentityUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
