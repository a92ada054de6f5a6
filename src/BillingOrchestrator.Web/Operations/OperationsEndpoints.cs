using BillingOrchestrator.Web.Auth;

namespace BillingOrchestrator.Web.Operations;

public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        // Failure details (error texts, recipients) are for those who act on or oversee them: admins, finance leads, auditors.
        app.MapGet("/api/operations/health-summary", async (HealthSummaries summaries, CancellationToken ct) => await summaries.BuildAsync(ct))
            .WithTags("Operations")
            .RequireAuthorization(Policies.OperationsReader);
        return app;
    }
}
