using System.Text.Json.Serialization;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>The answer of <c>/login/companyinfo/{companyId}</c>; unlike the REST API its names are PascalCase.</summary>
public sealed record ConnectWiseCompanyInfo
{
    [JsonPropertyName("CompanyName")]
    public string? CompanyName { get; init; }

    /// <summary>For example <c>v4_6_release/</c>; goes into <see cref="ConnectWiseOptions.Codebase"/>.</summary>
    [JsonPropertyName("Codebase")]
    public string? Codebase { get; init; }

    [JsonPropertyName("VersionCode")]
    public string? VersionCode { get; init; }

    [JsonPropertyName("VersionNumber")]
    public string? VersionNumber { get; init; }

    [JsonPropertyName("CompanyID")]
    public string? CompanyId { get; init; }

    [JsonPropertyName("IsCloud")]
    public bool? IsCloud { get; init; }

    [JsonPropertyName("SiteUrl")]
    public string? SiteUrl { get; init; }
}
