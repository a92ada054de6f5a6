using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddConnectWise_BindsTheSection_AndTheTypedClientReachesTheServerThroughTheRetryHandler()
    {
        await using var stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();
        stub.Fail("finance/agreementTypes", 1, System.Net.HttpStatusCode.BadGateway);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectWise:BaseUrl"] = stub.BaseUrl.ToString(),
            ["ConnectWise:CompanyId"] = TestClient.CompanyId,
            ["ConnectWise:PublicKey"] = TestClient.PublicKey,
            ["ConnectWise:PrivateKey"] = TestClient.PrivateKey,
            ["ConnectWise:ClientId"] = TestClient.ClientId,
            ["ConnectWise:PageSize"] = "1",
            ["ConnectWise:BaseRetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddConnectWise(configuration);
        services.AddHttpClient<ConnectWiseClient>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var client = provider.GetRequiredService<ConnectWiseClient>();
        var types = await client.GetAgreementTypesAsync().ToListAsync();

        provider.GetRequiredService<IOptions<ConnectWiseOptions>>().Value.PageSize.ShouldBe(1);
        types.Select(t => t.Id).ShouldBe([11, 12]);
        stub.RequestsTo("finance/agreementTypes").Select(r => r.Query["page"]).ShouldBe(["1", "1", "2"]);
        provider.GetRequiredService<ConnectWiseDumper>().ShouldNotBeNull();
        provider.GetRequiredService<ConnectWiseCsvImporter>().ShouldNotBeNull();
    }

    [Fact]
    public async Task AddConnectWise_WithoutSettings_StillBuilds_ButTheClientExplainsWhatIsMissing()
    {
        var services = new ServiceCollection().AddLogging().AddConnectWise(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<ConnectWiseCsvImporter>().ShouldNotBeNull();
        var error = Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<ConnectWiseClient>());
        error.Message.ShouldStartWith("ConnectWise is not configured: ConnectWise:Site is required");
    }
}
