using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Feed;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Signs in a request carrying <c>X-Api-Key: bo_{id}_{secret}</c> as the key, in the read-only
/// <see cref="Roles.FeedReader"/> role. The secret is compared by its SHA-256 in constant time and never logged.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BillingDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Prefix = "bo_";

    /// <summary>A new key: its id, the whole key to hand over once, and the hash to store.</summary>
    public static (string Id, string Key, string SecretHash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        var parts = presented.StartsWith(Prefix, StringComparison.Ordinal) ? presented[Prefix.Length..].Split('_', 2) : [];
        if (parts.Length != 2 || parts[0].Length != 12 || parts[1].Length != 64)
        {
            return AuthenticateResult.Fail("The API key is not in the expected form.");
        }

        var id = parts[0];
        var row = await db.Set<ApiKeyRow>().FirstOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
        var expected = Encoding.ASCII.GetBytes(row?.SecretHash ?? new string('0', 64));
        var actual = Encoding.ASCII.GetBytes(Hash(parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual) || row is null || row.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var now = time.GetUtcNow();
        if (row.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(5))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"api-key:{row.Name}"), new Claim(ClaimTypes.NameIdentifier, $"api-key:{row.Id}"), new Claim(ClaimTypes.Role, Roles.FeedReader)],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
