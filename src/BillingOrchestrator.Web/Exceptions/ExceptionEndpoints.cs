using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>Playbook step 4 over HTTP: exceptions with their dispositions, the invoice batch and the control samples.</summary>
public static class ExceptionEndpoints
{
    public sealed record DispositionRequest(Disposition? Disposition, string? Reason, long? ExpectedRevision);

    public sealed record ConfirmRequest(bool? Accept, string? Comment, long? ExpectedRevision);

    public static IEndpointRouteBuilder MapExceptionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exceptions").WithTags("Exceptions").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", async (string? instanceId, string? status, string? role, string? category, int? companyId, string? disposition, bool? overdue, int? page, int? pageSize, BillingDbContext db, IOptions<ExceptionOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var (p, size) = Query.Paging(page, pageSize);
            var query = db.Set<BillingException>().AsNoTracking();
            query = instanceId is null ? query : query.Where(e => e.InstanceId == instanceId);
            query = Query.Enum<ExceptionStatus>(status, "status") is { } s ? query.Where(e => e.Status == s) : query;
            query = role is null ? query : query.Where(e => e.RoutedRole == role);
            query = category is null ? query : query.Where(e => e.Category == category);
            query = companyId is null ? query : query.Where(e => e.CompanyId == companyId);
            query = ParseDisposition(disposition) is { } d ? query.Where(e => e.Disposition == d) : query;
            query = overdue is null ? query
                : overdue.Value ? query.Where(e => e.Status == ExceptionStatus.Open && e.DueAt != null && e.DueAt <= now)
                : query.Where(e => e.Status != ExceptionStatus.Open || e.DueAt == null || e.DueAt > now);
            var total = await query.CountAsync(ct);
            var items = await query.OrderBy(e => e.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
            return new PageResponse<ExceptionView>([.. items.Select(e => ExceptionView.From(e, options.Value.MaterialityThreshold, now, withHistory: false))], p, size, total);
        });

        group.MapGet("/{id}", async (string id, BillingDbContext db, IOptions<ExceptionOptions> options, TimeProvider time, CancellationToken ct) =>
            await db.Set<BillingException>().AsNoTracking().Include(e => e.History).FirstOrDefaultAsync(e => e.Id == id, ct) is { } exception
                ? Results.Ok(ExceptionView.From(exception, options.Value.MaterialityThreshold, time.GetUtcNow(), withHistory: true))
                : Problems.NotFound($"Exception {id} does not exist."));

        group.MapPost("/{id}/disposition", async (string id, DispositionRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new DispositionException(id, request.Disposition, request.Reason, request.ExpectedRevision, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.ExceptionApprover);

        group.MapPost("/{id}/confirm", async (string id, ConfirmRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new ConfirmException(id, request?.Accept, request?.Comment, request?.ExpectedRevision, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.ExceptionApprover);

        var batches = app.MapGroup("/api/invoice-batches").WithTags("Exceptions").RequireAuthorization(Policies.AnyRole);
        batches.MapGet("/", async (string? instanceId, BillingDbContext db, CancellationToken ct) =>
        {
            var list = await db.Set<InvoiceBatch>().AsNoTracking().Where(b => instanceId == null || b.InstanceId == instanceId).OrderByDescending(b => b.CreatedAt).Take(100).ToListAsync(ct);
            var views = new List<InvoiceBatchView>();
            foreach (var batch in list)
            {
                views.Add(await ViewAsync(db, batch, ct));
            }

            return views;
        });
        batches.MapGet("/{id}", async (string id, BillingDbContext db, CancellationToken ct) =>
            await db.Set<InvoiceBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } batch
                ? Results.Ok(await ViewAsync(db, batch, ct))
                : Problems.NotFound($"Invoice batch {id} does not exist."));
        batches.MapPost("/{id}/release", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new ReleaseInvoiceBatch(id, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.BatchReleaser);
        batches.MapGet("/{id}/export/{format}", async (string id, string format, AccountingFiles accounting, CancellationToken ct) =>
        {
            var key = AccountingFiles.InvoiceFormats.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase))
                ?? throw new Workflows.Runtime.WorkflowValidationException("format", $"must be one of {string.Join(", ", AccountingFiles.InvoiceFormats)}");
            return CsvFile(await accounting.GetAsync(id, key, ct));
        });
        batches.MapGet("/{id}/write-off-journal.csv", async (string id, AccountingFiles accounting, CancellationToken ct) =>
            CsvFile(await accounting.GetAsync(id, AccountingFiles.Journal, ct)));

        app.MapGet("/api/control-samples", async (string? instanceId, BillingDbContext db, CancellationToken ct) =>
            await db.Set<ControlSample>().AsNoTracking().Where(s => instanceId == null || s.InstanceId == instanceId).OrderByDescending(s => s.CreatedAt).Take(50).ToListAsync(ct))
            .WithTags("Exceptions")
            .RequireAuthorization(Policies.AnyRole);

        return app;
    }

    private static IResult CsvFile(AccountingFile file) => Results.File(file.Content, "text/csv; charset=utf-8", file.FileName);

    private static async Task<InvoiceBatchView> ViewAsync(BillingDbContext db, InvoiceBatch batch, CancellationToken ct)
    {
        var exceptions = db.Set<BillingException>().Where(e => e.InstanceId == batch.InstanceId);
        return InvoiceBatchView.From(batch, await exceptions.CountAsync(ct), await exceptions.CountAsync(e => e.Status != ExceptionStatus.Closed, ct));
    }

    private static Disposition? ParseDisposition(string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var disposition in Enum.GetValues<Disposition>())
        {
            if (string.Equals(System.Text.Json.JsonSerializer.Serialize(disposition).Trim('"'), value, StringComparison.OrdinalIgnoreCase))
            {
                return disposition;
            }
        }

        throw new Workflows.Runtime.WorkflowValidationException("disposition", "must be one of bill, write-off, reclassify, accept-as-covered, fix-in-psa");
    }
}
