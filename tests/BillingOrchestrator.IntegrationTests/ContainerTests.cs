using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOrchestrator.IntegrationTests;

public sealed class ContainerTests
{
    [Fact]
    public async Task Container_BuildsWithValidateOnBuildAndValidateScopes()
    {
        var host = new ValidatingHost();
        try
        {
            await host.InitializeAsync();

            using var scope = host.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<UserTaskService>().ShouldNotBeNull();
            scope.ServiceProvider.GetRequiredService<WorkflowRunner>().ShouldNotBeNull();
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    private sealed class ValidatingHost() : ProductHost(TestDatabaseKind.Sqlite)
    {
        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.UseServiceProviderFactory(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
            return base.CreateHost(builder);
        }
    }
}
