namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>
/// Where evidence packs are published (the <c>Documentation</c> section). <see cref="Target"/> <c>folder</c> (the
/// default) writes under <see cref="Folder"/>; <c>rest</c> posts to <see cref="RestUrl"/> with the API key in the header
/// <see cref="ApiKeyHeader"/>. Keep <see cref="ApiKey"/> in the environment (<c>Documentation__ApiKey</c>); it is never
/// logged, stored or put in a message.
/// </summary>
public sealed class DocumentationOptions
{
    public const string Section = "Documentation";
    public const string FolderTarget = "folder";
    public const string RestTarget = "rest";

    public string Target { get; set; } = FolderTarget;

    /// <summary>The folder packs are written to; empty means <c>{DataDirectory}/publications</c>.</summary>
    public string Folder { get; set; } = "";

    public string RestUrl { get; set; } = "";

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    public string ApiKey { get; set; } = "";

    /// <summary>Attempts in all, the first included (1 to 10).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the second attempt, doubled before each further one, never more than <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsRest => string.Equals(Target, RestTarget, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<(string Field, string Reason)> Problems()
    {
        if (!IsRest && !string.Equals(Target, FolderTarget, StringComparison.OrdinalIgnoreCase))
        {
            yield return ("Documentation:Target", "folder or rest");
        }

        if (IsRest && !(Uri.TryCreate(RestUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            yield return ("Documentation:RestUrl", "an absolute http(s) URL when Target is rest");
        }

        if (IsRest && (string.IsNullOrWhiteSpace(ApiKeyHeader) || string.IsNullOrEmpty(ApiKey)))
        {
            yield return ("Documentation:ApiKey", "ApiKeyHeader and ApiKey are required when Target is rest (set Documentation__ApiKey in the environment)");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            yield return ("Documentation:MaxAttempts", "1 to 10");
        }

        if (BaseRetryDelay < TimeSpan.Zero || MaxRetryDelay < BaseRetryDelay || RequestTimeout <= TimeSpan.Zero)
        {
            yield return ("Documentation:BaseRetryDelay", "delays must not be negative, MaxRetryDelay at least BaseRetryDelay, RequestTimeout positive");
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BackoffAfter(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(BaseRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), MaxRetryDelay.TotalMilliseconds));

    /// <summary>Replaces the API key wherever it appears, so no error text can carry it.</summary>
    public string Redact(string text) => string.IsNullOrEmpty(ApiKey) ? text : text.Replace(ApiKey, "***", StringComparison.Ordinal);

    public override string ToString() => IsRest ? $"rest {RestUrl} ({ApiKeyHeader}: ***)" : $"folder {Folder}";
}
