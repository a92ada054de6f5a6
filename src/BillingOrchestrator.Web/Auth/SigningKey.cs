using BillingOrchestrator.Evidence.Audit;
using Microsoft.IdentityModel.Tokens;

namespace BillingOrchestrator.Web.Auth;

/// <summary>The bearer-token signing key: from configuration, or generated once and kept (owner-only) under the data directory.</summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    public static SigningKey Load(AuthOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.JwtSigningKey))
        {
            var configured = Convert.FromBase64String(options.JwtSigningKey);
            return configured.Length >= 32
                ? new SigningKey(new SymmetricSecurityKey(configured))
                : throw new InvalidOperationException("Auth:JwtSigningKey must be at least 32 bytes, base64-encoded.");
        }

        var path = Path.Combine(dataDirectory, "keys", "jwt-signing.key");
        return new SigningKey(new SymmetricSecurityKey(KeyFile.ReadOrCreate(path, 64)));
    }
}
