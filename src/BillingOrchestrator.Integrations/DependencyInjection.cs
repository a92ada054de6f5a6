using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations;

public static class DependencyInjection
{
    /// <summary>
    /// The ConnectWise integration: <see cref="ConnectWiseOptions"/> from the <c>ConnectWise</c> section (keys may come
    /// from the environment, <c>ConnectWise__PrivateKey</c>), the typed <see cref="ConnectWiseClient"/> behind
    /// <see cref="ConnectWiseRetryHandler"/>, the dumper, the CSV importer, and (scoped) <see cref="ConnectWiseSync"/> and
    /// <see cref="ConnectWiseImport"/>, which write to the <see cref="IPsaRecordStore"/> the host registers. Nothing is
    /// checked at start-up, so a host without API keys still runs on export folders and CSV; resolving the client without
    /// settings, or the sync or import without a store, throws a clear error.
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

        // Factories, like the client's own settings check, so a host that has no store yet still builds and starts.
        services.TryAddScoped(provider => new ConnectWiseSync(
            provider.GetRequiredService<ConnectWiseClient>(),
            RecordStore<ConnectWiseSync>(provider),
            provider.GetRequiredService<IOptions<ConnectWiseOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ConnectWiseSync>>()));
        services.TryAddScoped(provider => new ConnectWiseImport(
            RecordStore<ConnectWiseImport>(provider),
            provider.GetRequiredService<ILogger<ConnectWiseImport>>()));
        return services;
    }

    private static IPsaRecordStore RecordStore<TUser>(IServiceProvider provider) =>
        provider.GetService<IPsaRecordStore>()
        ?? throw new InvalidOperationException($"{typeof(TUser).Name} writes to an {nameof(IPsaRecordStore)}, and none is registered: the host adds one (the Persistence module's EF store).");
}
