using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using BillingOrchestrator.Integrations.Documentation;
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

    /// <summary>
    /// Evidence-pack publishing: <see cref="DocumentationOptions"/> from the <c>Documentation</c> section (checked at
    /// start-up), the folder sink under <paramref name="dataDirectory"/> (or <c>Documentation:Folder</c>) or the REST
    /// sink on a named HTTP client whose logging redacts every header, and the retrying <see cref="EvidencePackPublisher"/>.
    /// </summary>
    public static IServiceCollection AddDocumentationPublishing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<DocumentationOptions>()
            .Bind(configuration.GetSection(DocumentationOptions.Section))
            .Validate(o => !o.Problems().Any(), "Documentation: the publishing settings are incomplete (see docs/integrations.md)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(nameof(RestPackSink), http => http.Timeout = Timeout.InfiniteTimeSpan).RedactLoggedHeaders(_ => true);
        services.AddTransient<IEvidencePackSink>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DocumentationOptions>>().Value;
            return options.IsRest
                ? new RestPackSink(provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RestPackSink)), options)
                : new FolderPackSink(options.Folder is { Length: > 0 } folder ? folder : Path.Combine(dataDirectory, "publications"));
        });
        services.AddTransient<EvidencePackPublisher>();
        return services;
    }

    private static IPsaRecordStore RecordStore<TUser>(IServiceProvider provider) =>
        provider.GetService<IPsaRecordStore>()
        ?? throw new InvalidOperationException($"{typeof(TUser).Name} writes to an {nameof(IPsaRecordStore)}, and none is registered: the host adds one (the Persistence module's EF store).");
}
