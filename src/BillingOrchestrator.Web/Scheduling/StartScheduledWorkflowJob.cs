using Quartz;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>The one Quartz job: a firing of a workflow's schedule starts its instance for the period (see <see cref="ScheduleFirings"/>).</summary>
[DisallowConcurrentExecution]
public sealed class StartScheduledWorkflowJob(IServiceScopeFactory scopes) : IJob
{
    public const string DefinitionIdKey = "definitionId";
    public const string FirstBusinessDayKey = "firstBusinessDayOfMonth";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var definitionId = data.GetString(DefinitionIdKey) ?? throw new JobExecutionException("The schedule's trigger names no definition.");
        // A firing re-run after a crash comes through a one-off recovery trigger: the period comes from the schedule's own.
        var trigger = context.Trigger as ICronTrigger
            ?? await context.Scheduler.GetTrigger(WorkflowSchedules.TriggerKeyFor(definitionId), cancellationToken) as ICronTrigger
            ?? throw new JobExecutionException($"The schedule of '{definitionId}' has no cron trigger.");
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScheduleFirings>().FireAsync(
            definitionId,
            trigger.CronExpressionString!,
            trigger.TimeZone,
            string.Equals(data.GetString(FirstBusinessDayKey), "true", StringComparison.OrdinalIgnoreCase),
            context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            cancellationToken);
    }
}
