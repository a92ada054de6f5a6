using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Notifications;

public static class NotificationEndpoints
{
    public sealed record NotificationView(
        string Id,
        string Event,
        string Channel,
        string? Recipient,
        string Subject,
        string Body,
        string Status,
        int Attempts,
        string? LastError,
        DateTimeOffset NextAttemptAt,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt,
        string? InstanceId,
        string? TaskId);

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", async (string? status, string? instanceId, string? taskId, int? page, int? pageSize, BillingDbContext db, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var query = db.Set<NotificationRow>().AsNoTracking();
            if (!string.IsNullOrEmpty(status))
            {
                var known = NotificationStatuses.All.FirstOrDefault(s => s.Equals(status, StringComparison.OrdinalIgnoreCase))
                    ?? throw new WorkflowValidationException("status", $"must be one of {string.Join(", ", NotificationStatuses.All)}");
                query = query.Where(n => n.Status == known);
            }

            if (!string.IsNullOrEmpty(instanceId))
            {
                query = query.Where(n => n.InstanceId == instanceId);
            }

            if (!string.IsNullOrEmpty(taskId))
            {
                query = query.Where(n => n.TaskId == taskId);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip((p - 1) * size).Take(size)
                .Select(n => new NotificationView(n.Id, n.Event, n.Channel, n.Recipient, n.Subject, n.Body, n.Status, n.Attempts, n.LastError, n.NextAttemptAt, n.CreatedAt, n.SentAt, n.InstanceId, n.TaskId))
                .ToListAsync(ct);
            return Results.Ok(new PageResponse<NotificationView>(items, p, size, total));
        })
        .WithTags("Notifications")
        .RequireAuthorization(Policies.AnyRole);
        return app;
    }
}
