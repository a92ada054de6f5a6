namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>What the client tells the retry handler about a request, through <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class ConnectWiseRequest
{
    /// <summary>The API path without host or query, for messages and logs.</summary>
    public static readonly HttpRequestOptionsKey<string> Endpoint = new("ConnectWise.Endpoint");

    /// <summary>How many attempts the handler made; set on the request it returns a response for.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempts = new("ConnectWise.Attempts");

    public static string EndpointOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Endpoint, out var endpoint) ? endpoint : request.RequestUri?.AbsolutePath ?? "(unknown)";
}
