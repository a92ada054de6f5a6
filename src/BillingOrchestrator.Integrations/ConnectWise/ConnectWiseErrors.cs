using System.Net;
using System.Text.Json;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>Turns an unsuccessful response into a <see cref="ConnectWiseApiException"/> with a message a person can act on.</summary>
internal static class ConnectWiseErrors
{
    private const int MaxServerMessage = 300;

    public static async Task<ConnectWiseApiException> FromResponseAsync(
        HttpResponseMessage response, string endpoint, int attempts, ConnectWiseOptions options, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (kind, message) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (ConnectWiseErrorKind.Credentials,
                $"ConnectWise credentials rejected (check CompanyId/PublicKey/PrivateKey; API keys can expire) calling {endpoint}: 401 Unauthorized."),
            HttpStatusCode.Forbidden => (ConnectWiseErrorKind.Permission,
                $"API member lacks permission for {endpoint} (403 Forbidden): grant its security role inquire access to this area."),
            HttpStatusCode.NotFound => (ConnectWiseErrorKind.NotFound,
                $"ConnectWise has no {endpoint} (404 Not Found): check BaseUrl or Site/Codebase, and that the record exists."),
            HttpStatusCode.TooManyRequests => (ConnectWiseErrorKind.RateLimited,
                $"ConnectWise kept rate-limiting {endpoint}: still 429 Too Many Requests after {attempts} attempt(s)."),
            _ when status >= 500 => (ConnectWiseErrorKind.ServerError,
                $"ConnectWise server error {status} for {endpoint} after {attempts} attempt(s)."),
            _ => (ConnectWiseErrorKind.Rejected, $"ConnectWise refused {endpoint}: {status} {response.ReasonPhrase}."),
        };

        var said = await ServerMessageAsync(response, cancellationToken).ConfigureAwait(false);
        if (said is not null)
        {
            message += " ConnectWise said: " + said;
        }

        return new ConnectWiseApiException(kind, response.StatusCode, endpoint, options.Redact(message));
    }

    /// <summary>The <c>message</c> (and <c>errors[].message</c>) of ConnectWise's JSON error body, shortened; null for anything else.</summary>
    private static async Task<string?> ServerMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var parts = new List<string>();
            if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                parts.Add(message.GetString()!);
            }

            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var detail) && detail.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(detail.GetString()!);
                    }
                }
            }

            var joined = string.Join(" ", parts).Trim();
            return joined.Length == 0 ? null : joined.Length > MaxServerMessage ? joined[..MaxServerMessage] + "..." : joined;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
