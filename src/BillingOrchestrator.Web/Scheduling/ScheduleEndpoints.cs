using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Scheduling;

public static class ScheduleEndpoints
{
    public sealed record ScheduleRequest(string? Cron, string? TimeZone, bool? FirstBusinessDayOfMonth);

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/", async (WorkflowSchedules schedules, ScheduleConfigurationReport report, CancellationToken ct) =>
            new { Schedules = await schedules.ListAsync(ct), ConfigurationErrors = report.Errors });

        group.MapPut("/{definitionId}", async (string definitionId, ScheduleRequest? request, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new ChangeSchedule(definitionId, request?.Cron, request?.TimeZone, request?.FirstBusinessDayOfMonth, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
