using System.Net;
using System.Text.Json;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>
/// A ConnectWise call that failed for good (after any retries). <see cref="Endpoint"/> is the API path only, for
/// example <c>finance/agreements</c>; neither it nor the message ever contains credentials.
/// </summary>
public sealed class ConnectWiseApiException : Exception
{
    public ConnectWiseApiException(ConnectWiseErrorKind kind, HttpStatusCode? statusCode, string endpoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        Endpoint = endpoint;
    }

    public ConnectWiseErrorKind Kind { get; }

    /// <summary>The last HTTP status received, or null when no response came back.</summary>
    public HttpStatusCode? StatusCode { get; }

    public string Endpoint { get; }

    internal static ConnectWiseApiException Malformed(string endpoint, HttpResponseMessage response, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var contentType = mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) ? "" : $" (content type {mediaType})";
        var line = ex.LineNumber is { } l ? $", line {l + 1}" : "";
        return new ConnectWiseApiException(
            ConnectWiseErrorKind.MalformedResponse,
            response.StatusCode,
            endpoint,
            $"ConnectWise returned malformed JSON for {endpoint} at {ex.Path ?? "$"}{line}{contentType}: {reason}",
            ex);
    }
}
