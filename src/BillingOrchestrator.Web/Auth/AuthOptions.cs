namespace BillingOrchestrator.Web.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Base64 HMAC key for bearer tokens. Empty: a key is generated once and kept under the data directory.</summary>
    public string? JwtSigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    public string? Password { get; set; }

    /// <summary>Also load the demo MSP's PSA data on first start (with <see cref="Enabled"/>).</summary>
    public bool LoadData { get; set; } = true;
}
