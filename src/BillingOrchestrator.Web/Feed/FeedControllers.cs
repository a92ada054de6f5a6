using BillingOrchestrator.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace BillingOrchestrator.Web.Feed;

// One controller per entity set, as ASP.NET Core OData routes them by convention. Each serves the cached rows;
// $filter, $select, $orderby and $top run over them, and pages end with @odata.nextLink.

[Authorize(Policy = Policies.FeedReader)]
[FeedProblems]
public abstract class FeedController(FeedSource source) : ODataController
{
    /// <summary>The largest page the feed returns; a client follows @odata.nextLink for the rest.</summary>
    public const int PageSize = 1000;

    protected async Task<IActionResult> Rows<T>(Func<FeedData, IReadOnlyList<T>> set, CancellationToken cancellationToken) =>
        Ok(set(await source.GetAsync(cancellationToken)).AsQueryable());
}

public sealed class LeakageFactsController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.LeakageFacts, cancellationToken);
}

public sealed class FindingsController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.Findings, cancellationToken);
}

public sealed class KpiSeriesController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.KpiSeries, cancellationToken);
}

public sealed class AgreementsController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.Agreements, cancellationToken);
}

public sealed class TimeEntriesController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.TimeEntries, cancellationToken);
}

public sealed class ExceptionsController(FeedSource source) : FeedController(source)
{
    [EnableQuery(PageSize = PageSize, MaxTop = 100_000, AllowedQueryOptions = FeedQuery.Allowed)]
    public Task<IActionResult> Get(CancellationToken cancellationToken) => Rows(d => d.Exceptions, cancellationToken);
}

internal static class FeedQuery
{
    public const AllowedQueryOptions Allowed =
        AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top
        | AllowedQueryOptions.Skip | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Count | AllowedQueryOptions.Format;
}
