using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Dashboards;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Catalog;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Dashboards;

public static class DashboardEndpoints
{
    /// <summary>One time entry behind a leakage fact, with its ConnectWise link.</summary>
    public sealed record LeakageEntry(
        int TimeEntryId,
        string FactId,
        string Measure,
        DateOnly Date,
        int CompanyId,
        int? AgreementId,
        string ServiceLine,
        string? CheckId,
        Hours EntryHours,
        Money FactAmount,
        int MemberId,
        string SourceLink);

    private static readonly string[] Measures = [LeakageFact.UnbilledLabour, LeakageFact.WriteOff, LeakageFact.AgreementOverrun];

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboards/leakage").WithTags("Dashboards").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", async (string? week, LeakageSnapshots snapshots, CancellationToken ct) =>
            (await snapshots.BuildAsync(WeekParameter.Parse(week), ct)).Dashboard);

        group.MapGet("/pdf", async (string? week, LeakageSnapshots snapshots, CancellationToken ct) =>
        {
            var dashboard = (await snapshots.BuildAsync(WeekParameter.Parse(week), ct)).Dashboard;
            return Results.File(snapshots.RenderPdf(dashboard), "application/pdf", $"leakage-{dashboard.WeekStart:yyyy-MM-dd}.pdf");
        });

        group.MapGet("/entries", async (string? week, string? measure, int? companyId, int? agreementId, string? serviceLine, int? page, int? pageSize, LeakageSnapshots snapshots, SourceLinks links, CancellationToken ct) =>
        {
            var weekStart = WeekParameter.Parse(week);
            if (measure is not null && !Measures.Contains(measure))
            {
                throw new WorkflowValidationException("measure", $"must be one of {string.Join(", ", Measures)}");
            }

            var (p, size) = Query.Paging(page, pageSize);
            var rows = LeakageSnapshots.Entries(await snapshots.BuildAsync(weekStart, ct), measure, companyId, agreementId, serviceLine, links);
            var items = rows.Skip((p - 1) * size).Take(size).ToList();
            return new PageResponse<LeakageEntry>(items, p, size, rows.Count);
        });

        return app;
    }
}
