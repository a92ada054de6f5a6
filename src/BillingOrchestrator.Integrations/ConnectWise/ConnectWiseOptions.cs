using System.Globalization;
using System.Text;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>
/// How to reach a ConnectWise PSA site, bound from the <c>ConnectWise</c> configuration section (or the environment:
/// <c>ConnectWise__PrivateKey</c> and so on). <see cref="ToString"/> never shows the keys.
/// </summary>
public sealed class ConnectWiseOptions
{
    public const string Section = "ConnectWise";

    /// <summary>The largest page the API serves.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The API host, for example <c>api-na.myconnectwise.net</c> (a scheme may be given for on-premises sites).</summary>
    public string? Site { get; set; }

    /// <summary>The codebase path segment, for example <c>v4_6_release</c>; <see cref="ConnectWiseSite.GetCompanyInfoAsync"/> finds it.</summary>
    public string? Codebase { get; set; }

    /// <summary>The company id users sign in with.</summary>
    public string? CompanyId { get; set; }

    /// <summary>The API member's public key. Secret enough: never logged or shown.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The API member's private key. Never logged or shown.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The integration's clientId GUID registered with ConnectWise, sent as the <c>clientId</c> header.</summary>
    public string? ClientId { get; set; }

    /// <summary>Used verbatim instead of <c>https://{Site}/{Codebase}/apis/3.0/</c> when set, for example a local stub server.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Records per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>How many times a request is repeated after a 429, a 5xx, a timeout or a dropped connection.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; it doubles on every retry (plus up to 25% jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, including one asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt (request and response body) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The API root every endpoint is relative to, always ending in <c>/</c>.</summary>
    public Uri GetBaseAddress()
    {
        var text = !string.IsNullOrWhiteSpace(BaseUrl)
            ? BaseUrl.Trim()
            : $"{ConnectWiseSite.Root(Site ?? "")}{Codebase?.Trim().Trim('/')}/apis/3.0";
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    /// <summary>What is missing or wrong, one sentence each; empty when the client can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            if (string.IsNullOrWhiteSpace(Site))
            {
                problems.Add($"{Section}:Site is required (for example api-na.myconnectwise.net) unless {Section}:BaseUrl is set");
            }

            if (string.IsNullOrWhiteSpace(Codebase))
            {
                problems.Add($"{Section}:Codebase is required (for example v4_6_release) unless {Section}:BaseUrl is set");
            }
        }
        else if (!Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:BaseUrl must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(Site) && string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(ConnectWiseSite.Root(Site), UriKind.Absolute, out _))
        {
            problems.Add($"{Section}:Site must be a host name such as api-na.myconnectwise.net");
        }

        Require(CompanyId, "CompanyId", problems);
        Require(PublicKey, "PublicKey", problems);
        Require(PrivateKey, "PrivateKey", problems);
        Require(ClientId, "ClientId", problems);
        if (PageSize is < 1 or > MaxPageSize)
        {
            problems.Add($"{Section}:PageSize must be from 1 to {MaxPageSize}");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add($"{Section}:MaxRetries must be from 0 to 20");
        }

        if (BaseRetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:BaseRetryDelay and MaxRetryDelay must not be negative, RequestTimeout must be positive");
        }

        return problems;
    }

    /// <summary>Shows where the client points and whether keys are set, never the keys themselves.</summary>
    public override string ToString()
    {
        string where;
        try
        {
            where = string.IsNullOrWhiteSpace(BaseUrl) && (string.IsNullOrWhiteSpace(Site) || string.IsNullOrWhiteSpace(Codebase))
                ? "(no site)"
                : GetBaseAddress().ToString();
        }
        catch (UriFormatException)
        {
            where = "(invalid site)";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"ConnectWise {where} company={CompanyId ?? "(none)"} clientId={ClientId ?? "(none)"} publicKey={Mask(PublicKey)} privateKey={Mask(PrivateKey)} pageSize={PageSize} maxRetries={MaxRetries}");
    }

    /// <summary>The Basic credentials: base64 of <c>{companyId}+{publicKey}:{privateKey}</c>.</summary>
    internal string BasicCredentials() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CompanyId}+{PublicKey}:{PrivateKey}"));

    /// <summary>Removes the keys (and the credentials built from them) from text that may reach a log or an exception.</summary>
    internal string Redact(string text)
    {
        foreach (var secret in new[] { PrivateKey, PublicKey, BasicCredentials() })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static void Require(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{Section}:{name} is required");
        }
    }

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
