using System.Text.Json.Nodes;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Psa;

/// <summary>Getting PSA data in: ConnectWise sync, export-folder import, and what is stored.</summary>
public static class PsaEndpoints
{
    public sealed record SyncRequest(string? Mode);

    public sealed record ImportRequest(string? Folder);

    public sealed record CsvImportRequest(string? File, string? Kind);

    public static IEndpointRouteBuilder MapPsaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/psa").WithTags("PSA data").RequireAuthorization(Policies.AnyRole);

        group.MapPost("/sync", async (SyncRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var mode = string.Equals(request?.Mode, "full", StringComparison.OrdinalIgnoreCase) ? SyncMode.Full : SyncMode.Incremental;
            return await mediator.Send(new SyncPsa(mode, http.User.ToActor()), ct);
        })
        .RequireAuthorization(Policies.PsaOperator);

        group.MapPost("/import", async (ImportRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new ImportPsaFolder(request.Folder, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.PsaOperator);

        group.MapPost("/import-csv", async (CsvImportRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new ImportPsaCsv(request.File, request.Kind, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.PsaOperator);

        group.MapGet("/syncs", async (BillingDbContext db, CancellationToken ct) =>
            (await db.Set<PsaSyncRow>().AsNoTracking().OrderByDescending(s => s.StartedAt).Take(50).ToListAsync(ct))
                .Select(s => new { s.Id, s.Kind, s.StartedAt, s.FinishedAt, s.Succeeded, s.StartedBy, report = JsonNode.Parse(s.ReportJson) }));

        group.MapGet("/counts", async (BillingDataStore data, CancellationToken ct) => await data.CountsAsync(ct));
        return app;
    }
}
