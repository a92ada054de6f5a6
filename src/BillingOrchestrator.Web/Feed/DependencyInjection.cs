using Microsoft.AspNetCore.OData;

namespace BillingOrchestrator.Web.Feed;

public static class DependencyInjection
{
    /// <summary>The OData v4 feed at /odata for Power BI, CSV and Parquet exports of the same sets, and API keys.</summary>
    public static IServiceCollection AddFeed(this IServiceCollection services)
    {
        services.AddSingleton<FeedCache>();
        services.AddScoped<FeedSource>();
        services.AddControllers().AddOData(o => o
            .Select().Filter().OrderBy().SetMaxTop(FeedController.PageSize * 100).Count()
            .AddRouteComponents("odata", FeedModel.Build()));
        return services;
    }
}
