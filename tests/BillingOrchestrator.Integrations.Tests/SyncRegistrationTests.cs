using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using BillingOrchestrator.Integrations.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class SyncRegistrationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ConnectWise:BaseUrl"] = "http://127.0.0.1:9/v4_6_release/apis/3.0/",
        ["ConnectWise:CompanyId"] = TestClient.CompanyId,
        ["ConnectWise:PublicKey"] = TestClient.PublicKey,
        ["ConnectWise:PrivateKey"] = TestClient.PrivateKey,
        ["ConnectWise:ClientId"] = TestClient.ClientId,
    };

    [Fact]
    public async Task AddConnectWise_RegistersSyncAndImport_Scoped_OverTheStoreTheHostProvides()
    {
        var store = new InMemoryPsaRecordStore();
        var services = new ServiceCollection().AddLogging().AddConnectWise(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        services.AddSingleton<IPsaRecordStore>(store);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        await using var scope = provider.CreateAsyncScope();
        var sync = scope.ServiceProvider.GetRequiredService<ConnectWiseSync>();
        var import = scope.ServiceProvider.GetRequiredService<ConnectWiseImport>();

        scope.ServiceProvider.GetRequiredService<ConnectWiseSync>().ShouldBeSameAs(sync);
        await using var other = provider.CreateAsyncScope();
        other.ServiceProvider.GetRequiredService<ConnectWiseSync>().ShouldNotBeSameAs(sync);
        (await import.ImportFolderAsync(Fixtures.SiteFolder, CancellationToken.None)).Succeeded.ShouldBeTrue();
        store.Records.Count.ShouldBe(33);
    }

    [Fact]
    public async Task WithoutAStore_TheHostStillBuilds_ButResolvingTheSyncSaysWhatIsMissing()
    {
        var services = new ServiceCollection().AddLogging().AddConnectWise(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        var error = Should.Throw<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ConnectWiseSync>());
        error.Message.ShouldBe("ConnectWiseSync writes to an IPsaRecordStore, and none is registered: the host adds one (the Persistence module's EF store).");
        Should.Throw<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ConnectWiseImport>()).Message.ShouldStartWith("ConnectWiseImport writes to an IPsaRecordStore");
    }
}
