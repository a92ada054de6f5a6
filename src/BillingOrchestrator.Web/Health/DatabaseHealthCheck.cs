using BillingOrchestrator.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillingOrchestrator.Web.Health;

/// <summary>Ready only when the database answers a query; the reason never carries connection details.</summary>
public sealed class DatabaseHealthCheck(BillingDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not accept connections.");
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer: " + ex.GetType().Name);
        }
    }
}
