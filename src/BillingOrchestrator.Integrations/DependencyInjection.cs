using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations;

public static class DependencyInjection
{
    /// <summary>
    /// The ConnectWise integration: <see cref="ConnectWiseOptions"/> from the <c>ConnectWise</c> section (keys may come
    /// from the environment, <c>ConnectWise__PrivateKey</c>), the typed <see cref="ConnectWiseClient"/> behind
    /// <see cref="ConnectWiseRetryHandler"/>, the dumper and the CSV importer. Nothing is checked at start-up, so a host
    /// without API keys still runs on export folders and CSV; resolving the client without settings throws a clear error.
    /// </summary>
    public static IServiceCollection AddConnectWise(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectWiseOptions>().Bind(configuration.GetSection(ConnectWiseOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<ConnectWiseRetryHandler>();
        services.AddHttpClient<ConnectWiseClient>((provider, http) =>
            {
                // Each attempt has its own timeout in the retry handler; a client-wide one would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
                var options = provider.GetRequiredService<IOptions<ConnectWiseOptions>>().Value;
                if (options.Validate().Count == 0)
                {
                    http.BaseAddress = options.GetBaseAddress();
                }
            })
            .AddHttpMessageHandler<ConnectWiseRetryHandler>()
            .RedactLoggedHeaders(["Authorization", "clientId"]);
        services.AddTransient<ConnectWiseDumper>();
        services.TryAddSingleton(_ => new ConnectWiseCsvImporter());
        return services;
    }
}
