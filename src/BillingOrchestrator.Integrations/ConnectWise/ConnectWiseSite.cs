using System.Text.Json;
using BillingOrchestrator.Integrations.ConnectWise.Json;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>Finds which codebase a ConnectWise site runs, through <c>GET https://{site}/login/companyinfo/{companyId}</c> (no credentials needed).</summary>
public static class ConnectWiseSite
{
    /// <summary><c>https://{site}/</c>, or the site as given when it already has a scheme (on-premises or a local stub).</summary>
    public static string Root(string site)
    {
        var trimmed = site.Trim().TrimEnd('/');
        return (trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed) + "/";
    }

    /// <summary>Asks the site which codebase (for example <c>v4_6_release/</c>) serves <paramref name="companyId"/>.</summary>
    /// <exception cref="ConnectWiseApiException">The site does not know the company or does not answer with company info.</exception>
    public static async Task<ConnectWiseCompanyInfo> GetCompanyInfoAsync(HttpClient http, string site, string companyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = "login/companyinfo/" + Uri.EscapeDataString(companyId);
        using var response = await http.GetAsync(new Uri(new Uri(Root(site)), endpoint), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectWiseApiException(
                ConnectWiseErrorKind.NotFound,
                response.StatusCode,
                endpoint,
                $"ConnectWise site {site} answered {(int)response.StatusCode} for {endpoint}: check Site and CompanyId");
        }

        ConnectWiseCompanyInfo? info;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            info = await JsonSerializer.DeserializeAsync<ConnectWiseCompanyInfo>(stream, ConnectWiseJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw ConnectWiseApiException.Malformed(endpoint, response, ex);
        }

        // An unknown company id is answered with 200 and an empty body or null codebase.
        if (info is null || string.IsNullOrWhiteSpace(info.Codebase))
        {
            throw new ConnectWiseApiException(ConnectWiseErrorKind.NotFound, response.StatusCode, endpoint, $"ConnectWise site {site} does not know company {companyId}");
        }

        return info;
    }
}
