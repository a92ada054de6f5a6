namespace BillingOrchestrator.Web.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Base64 HMAC key for bearer tokens. Empty: a key is generated once and kept under the data directory.</summary>
    public string? JwtSigningKey { get; set; }

    /// <summary>Bearer (access) token lifetime: short, since a client renews it with its refresh token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token may wait before its use; each use issues a new one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How stale a host's view of a session may be: the security stamp and lockout of a user are cached this long, a
    /// cookie's stamp is re-read from the database after this long, an open UI tab revalidates this often.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    public string? Password { get; set; }

    /// <summary>Also load the demo MSP's PSA data on first start (with <see cref="Enabled"/>).</summary>
    public bool LoadData { get; set; } = true;
}
