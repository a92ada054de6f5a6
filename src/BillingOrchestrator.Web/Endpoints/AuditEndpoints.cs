using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Evidence;

namespace BillingOrchestrator.Web.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditReader);

        group.MapGet("/", async (long? after, int? take, IAuditLog audit, CancellationToken ct) =>
        {
            var (_, size) = Query.Paging(1, take ?? 100);
            return await audit.ListAsync(after ?? 0, size, ct);
        });

        group.MapGet("/verify", async (IAuditLog audit, CancellationToken ct) => await audit.VerifyAsync(ct));

        // Seals the head now, as the periodic schedule does: the seal file, a log line, an evidence item.
        group.MapPost("/seals", async (AuditSealPublisher publisher, CancellationToken ct) => Results.Created("/api/audit/verify", await publisher.PublishAsync(ct)))
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
