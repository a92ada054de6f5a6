namespace BillingOrchestrator.Web.Demo;

public static class DependencyInjection
{
    /// <summary>The demo dataset loader; it only acts when <c>Demo:Enabled</c> is true and the database has no PSA data.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddHostedService<DemoDataSeeder>();
}
