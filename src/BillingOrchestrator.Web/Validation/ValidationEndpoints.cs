using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Validation;

public static class ValidationEndpoints
{
    public sealed record RunRequest(IReadOnlyList<int>? CompanyIds, IReadOnlyList<int>? AgreementIds, ValidationOptions? Options);

    public static IEndpointRouteBuilder MapValidationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/validation-runs").WithTags("Validation").RequireAuthorization(Policies.AnyRole);

        group.MapPost("/", async (RunRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var run = await mediator.Send(new RunValidation(request?.CompanyIds, request?.AgreementIds, request?.Options, http.User.ToActor()), ct);
            return Results.Created($"/api/validation-runs/{run.Id}", run);
        })
        .RequireAuthorization(Policies.Owner);

        group.MapGet("/", async (ValidationRuns runs, CancellationToken ct) => await runs.ListAsync(50, ct));

        group.MapGet("/{id}", async (string id, ValidationRuns runs, CancellationToken ct) =>
            await runs.FindAsync(id, ct) is { } run ? Results.Ok(run) : Problems.NotFound($"Validation run {id} does not exist."));

        group.MapGet("/{id}/findings", async (string id, string? category, string? severity, int? companyId, int? page, int? pageSize, ValidationRuns runs, CancellationToken ct) =>
        {
            if (await runs.FindAsync(id, ct) is null)
            {
                return Problems.NotFound($"Validation run {id} does not exist.");
            }

            var (p, size) = Query.Paging(page, pageSize);
            var severityName = severity is null ? null : Query.Enum<Severity>(severity, "severity").ToString();
            var (items, total) = await runs.FindingsAsync(id, category, severityName, companyId, null, p, size, ct);
            return Results.Ok(new PageResponse<FindingView>(items, p, size, total));
        });

        return app;
    }
}
