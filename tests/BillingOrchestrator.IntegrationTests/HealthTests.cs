using System.Net;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Probes for load balancers: anonymous, and ready only when the database answers.</summary>
public sealed class HealthTests(SqliteProductHost host) : IClassFixture<SqliteProductHost>
{
    [Fact]
    public async Task LiveAndReady_AnswerHealthy_WithoutSignIn()
    {
        var anonymous = host.CreateClient();

        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
