using BillingOrchestrator.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BillingOrchestrator.Web.Tests.Infrastructure;

/// <summary>The thread-pool floor: four workers per core unless configured, and never below the runtime's own minimum.</summary>
public sealed class ThreadPoolFloorTests
{
    [Theory]
    [InlineData(null, 2, 2, 8)]
    [InlineData(null, 4, 4, 16)]
    [InlineData("6", 2, 2, 6)]
    [InlineData("1", 2, 4, 4)]
    public void TheFloorIsFourPerCore_OrTheConfiguredValue_NeverBelowTheRuntimeMinimum(string? configured, int cores, int runtimeMinimum, int expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ThreadPoolFloor.Key] = configured })
            .Build();

        ThreadPoolFloor.MinWorkerThreads(configuration, cores, runtimeMinimum).ShouldBe(expected);
    }

    [Fact]
    public void Apply_RaisesThePoolsMinimum()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ThreadPoolFloor.Key] = "24" })
            .Build();

        ThreadPoolFloor.Apply(configuration);

        ThreadPool.GetMinThreads(out var workers, out _);
        workers.ShouldBeGreaterThanOrEqualTo(24);
    }
}
