using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>
/// Turns one firing into at most one instance per period. The firing row (keyed by the period's correlation id) is
/// claimed before the start; a claim left behind by a crash is taken over only when no instance with that correlation
/// id exists. A definition that is not published yet records a Failed firing with the reason instead of throwing.
/// </summary>
public sealed partial class ScheduleFirings(
    BillingDbContext db,
    WorkflowInstanceService instances,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<ScheduleFirings> logger)
{
    public static readonly WorkflowActor Actor = new("system:scheduler", new HashSet<string>());

    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    public async Task<ScheduleFiringRow?> FireAsync(string definitionId, string cron, TimeZoneInfo zone, bool firstBusinessDay, DateTimeOffset scheduledUtc, CancellationToken cancellationToken)
    {
        var period = SchedulePeriods.PeriodStart(cron, zone, scheduledUtc);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(period, zone).DateTime);
        var correlationId = SchedulePeriods.CorrelationId(definitionId, period, zone, firstBusinessDay);
        if (firstBusinessDay)
        {
            // The month's instance starts on its first business day; a later weekday firing starts it only if that day's
            // firing never happened (the host was down), so the month is caught up once and never started twice.
            if (localDay < BusinessDays.FirstOfMonth(localDay.Year, localDay.Month, options.Value.Holidays))
            {
                return null;
            }

            if (await db.Set<ScheduleFiringRow>().AsNoTracking().FirstOrDefaultAsync(f => f.CorrelationId == correlationId, cancellationToken) is { Status: not ScheduleFiringRow.Starting } done)
            {
                return done;
            }
        }

        if (!await ClaimAsync(definitionId, correlationId, period, cancellationToken))
        {
            LogDuplicate(logger, definitionId, correlationId);
            return await db.Set<ScheduleFiringRow>().AsNoTracking().FirstAsync(f => f.CorrelationId == correlationId, cancellationToken);
        }

        string? instanceId = null;
        string? error = null;
        try
        {
            instanceId = (await instances.StartAsync(definitionId, null, correlationId, null, Actor, cancellationToken)).Id;
        }
        catch (WorkflowValidationException ex)
        {
            error = ex.Message;
            LogStartRefused(logger, definitionId, correlationId, ex.Message);
        }

        await db.Set<ScheduleFiringRow>().Where(f => f.CorrelationId == correlationId).ExecuteUpdateAsync(
            s => s.SetProperty(f => f.Status, instanceId is null ? ScheduleFiringRow.Failed : ScheduleFiringRow.Started)
                .SetProperty(f => f.InstanceId, instanceId)
                .SetProperty(f => f.Error, error),
            CancellationToken.None);
        return await db.Set<ScheduleFiringRow>().AsNoTracking().FirstAsync(f => f.CorrelationId == correlationId, cancellationToken);
    }

    private async Task<bool> ClaimAsync(string definitionId, string correlationId, DateTimeOffset period, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.Add(new ScheduleFiringRow { CorrelationId = correlationId, DefinitionId = definitionId, ScheduledFor = period, FiredAt = now, Status = ScheduleFiringRow.Starting });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        // Claimed before. Only a claim whose host died before starting anything may be taken over.
        var started = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.CorrelationId == correlationId).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        if (started is not null)
        {
            await db.Set<ScheduleFiringRow>().Where(f => f.CorrelationId == correlationId && f.Status == ScheduleFiringRow.Starting).ExecuteUpdateAsync(
                s => s.SetProperty(f => f.Status, ScheduleFiringRow.Started).SetProperty(f => f.InstanceId, started), cancellationToken);
            return false;
        }

        var staleBefore = now - StaleClaim;
        return await db.Set<ScheduleFiringRow>()
            .Where(f => f.CorrelationId == correlationId && f.Status == ScheduleFiringRow.Starting && f.FiredAt < staleBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.FiredAt, now), cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {DefinitionId}: period {CorrelationId} was already fired; nothing started")]
    private static partial void LogDuplicate(ILogger logger, string definitionId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {DefinitionId}: period {CorrelationId} could not start an instance: {Reason}")]
    private static partial void LogStartRefused(ILogger logger, string definitionId, string correlationId, string reason);
}
