using BillingOrchestrator.Integrations.ConnectWise;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations.Tests.Support;

/// <summary>A <see cref="ConnectWiseClient"/> wired like production (retry handler in front of a real socket handler) against a stub.</summary>
public sealed class TestClient : IDisposable
{
    public const string CompanyId = "contoso";
    public const string PublicKey = "Pk7hQ2xLmN4vR8sT";
    public const string PrivateKey = "Sk9wE3rT6yU1iO5pA2dF";
    public const string ClientId = "3f2b8c1e-6d4a-4f7b-9e2c-1a5d8b7c6e90";

    private readonly HttpClient http;

    public TestClient(ConnectWiseStub stub, Action<ConnectWiseOptions>? configure = null, double jitter = 0.5)
    {
        Options = new ConnectWiseOptions
        {
            BaseUrl = stub.BaseUrl.ToString(),
            CompanyId = CompanyId,
            PublicKey = PublicKey,
            PrivateKey = PrivateKey,
            ClientId = ClientId,
            MaxRetries = 3,
            BaseRetryDelay = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var handler = new ConnectWiseRetryHandler(options, Time, Logger, () => jitter) { InnerHandler = new SocketsHttpHandler { UseProxy = false } };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new ConnectWiseClient(http, options);
    }

    public ConnectWiseOptions Options { get; }

    public InstantTimeProvider Time { get; } = new();

    public ListLogger<ConnectWiseRetryHandler> Logger { get; } = new();

    public ConnectWiseClient Client { get; }

    public void Dispose() => http.Dispose();
}
