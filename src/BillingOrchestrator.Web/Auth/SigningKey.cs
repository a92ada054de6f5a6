using System.Security.Cryptography;
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
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, created);
                stream.Write(RandomNumberGenerator.GetBytes(64));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another host on the same data directory created it first.
            }
        }

        return new SigningKey(new SymmetricSecurityKey(File.ReadAllBytes(path)));
    }
}
