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

        group.MapGet("/", async (string? instanceId, string? status, string? role, string? category, int? companyId, string? disposition, bool? overdue, int? page, int? pageSize, ExceptionQueries queries, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var filter = new ExceptionFilter(instanceId, Query.Enum<ExceptionStatus>(status, "status"), role, category, companyId, ParseDisposition(disposition), overdue);
            return await queries.ListAsync(filter, p, size, ct);
        });

        group.MapGet("/{id}", async (string id, ExceptionQueries queries, CancellationToken ct) =>
            await queries.FindAsync(id, ct) is { } exception ? Results.Ok(exception) : Problems.NotFound($"Exception {id} does not exist."));

        group.MapPost("/{id}/disposition", async (string id, DispositionRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new DispositionException(id, request.Disposition, request.Reason, request.ExpectedRevision, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.ExceptionApprover);

        group.MapPost("/{id}/confirm", async (string id, ConfirmRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new ConfirmException(id, request?.Accept, request?.Comment, request?.ExpectedRevision, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.ExceptionApprover);

        var batches = app.MapGroup("/api/invoice-batches").WithTags("Exceptions").RequireAuthorization(Policies.AnyRole);
        batches.MapGet("/", (string? instanceId, ExceptionQueries queries, CancellationToken ct) => queries.BatchesAsync(instanceId, ct));
        batches.MapGet("/{id}", async (string id, ExceptionQueries queries, CancellationToken ct) =>
            await queries.BatchAsync(id, ct) is { } batch ? Results.Ok(batch) : Problems.NotFound($"Invoice batch {id} does not exist."));
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
