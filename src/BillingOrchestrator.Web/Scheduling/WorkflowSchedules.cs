using System.Text.RegularExpressions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>
/// The workflow schedules as Quartz stores them: one durable job and one cron trigger per definition. The trigger's data
/// remembers the configuration it was seeded from, so a restart re-applies configuration only when the configuration
/// itself changed, and a change made through the API survives restarts.
/// </summary>
public sealed partial class WorkflowSchedules(ISchedulerFactory schedulers, BillingDbContext db, IWorkflowDefinitionStore definitions, TimeProvider time)
{
    public const string Group = "workflow-schedules";
    private const string SeededCronKey = "seededCron";
    private const string SeededTimeZoneKey = "seededTimeZone";
    private const string SeededBusinessDayKey = "seededFirstBusinessDayOfMonth";
    private const string ChangedByKey = "changedBy";
    private const string ChangedAtKey = "changedAt";

    public static TriggerKey TriggerKeyFor(string definitionId) => new(definitionId, Group);

    public static JobKey JobKeyFor(string definitionId) => new(definitionId, Group);

    public static IEnumerable<(string Field, string Reason)> Check(string? definitionId, string? cron, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(definitionId) || definitionId.Length > 150 || !DefinitionIdPattern().IsMatch(definitionId))
        {
            yield return ("definitionId", "must be a definition id: lower-case letters, digits and dashes, at most 150 characters");
        }

        if (string.IsNullOrWhiteSpace(cron))
        {
            yield return ("cron", "required: a Quartz cron expression with seconds first, such as '0 0 7 ? * MON'");
        }
        else if (!CronExpression.TryParse(cron, out _))
        {
            yield return ("cron", $"'{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]), such as '0 0 7 ? * MON'");
        }

        if (!SchedulePeriods.TryFindZone(timeZone, out _))
        {
            yield return ("timeZone", $"'{timeZone}' is not a known time zone; use an IANA id such as 'Europe/London' or empty for the host's zone");
        }
    }

    /// <summary>Creates the schedule from configuration, or re-applies configuration that changed since it was seeded.</summary>
    public async Task<bool> SeedAsync(ScheduleSetting setting, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = await scheduler.GetTrigger(TriggerKeyFor(setting.DefinitionId!), cancellationToken);
        if (existing is not null
            && existing.JobDataMap.GetString(SeededCronKey) == setting.Cron
            && existing.JobDataMap.GetString(SeededTimeZoneKey) == (setting.TimeZone ?? "")
            && existing.JobDataMap.GetString(SeededBusinessDayKey) == Flag(setting.FirstBusinessDayOfMonth))
        {
            return false;
        }

        await ScheduleAsync(scheduler, setting, setting, "configuration", cancellationToken);
        return true;
    }

    /// <summary>Changes (or creates) a schedule through the API; it keeps the record of its configuration seed.</summary>
    public async Task<ScheduleView> ChangeAsync(ScheduleSetting setting, string actor, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = await scheduler.GetTrigger(TriggerKeyFor(setting.DefinitionId!), cancellationToken);
        var seeded = existing is null
            ? new ScheduleSetting()
            : new ScheduleSetting
            {
                Cron = existing.JobDataMap.GetString(SeededCronKey),
                TimeZone = existing.JobDataMap.GetString(SeededTimeZoneKey),
                FirstBusinessDayOfMonth = existing.JobDataMap.GetString(SeededBusinessDayKey) == Flag(true),
            };
        await ScheduleAsync(scheduler, setting, seeded, actor, cancellationToken);
        return (await ListAsync(cancellationToken)).First(s => s.DefinitionId == setting.DefinitionId);
    }

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken);
        var views = new List<ScheduleView>();
        foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (await scheduler.GetTrigger(key, cancellationToken) is not ICronTrigger trigger)
            {
                continue;
            }

            var definitionId = key.Name;
            var last = await db.Set<ScheduleFiringRow>().AsNoTracking().Where(f => f.DefinitionId == definitionId)
                .OrderByDescending(f => f.FiredAt).FirstOrDefaultAsync(cancellationToken);
            var published = await definitions.FindAsync(definitionId, VersionSelector.Published, cancellationToken) is not null;
            var state = await scheduler.GetTriggerState(key, cancellationToken);
            views.Add(new ScheduleView(
                definitionId,
                trigger.CronExpressionString!,
                trigger.TimeZone.Id,
                trigger.JobDataMap.GetString(StartScheduledWorkflowJob.FirstBusinessDayKey) == Flag(true),
                state.ToString(),
                trigger.NextFireTimeUtc,
                trigger.PreviousFireTimeUtc,
                last is null ? null : new ScheduleFiringView(last.CorrelationId, last.ScheduledFor, last.FiredAt, last.Status, last.InstanceId, last.Error),
                published,
                published ? null : $"no published definition '{definitionId}' yet: its firings fail until one is published",
                trigger.JobDataMap.GetString(ChangedByKey),
                DateTimeOffset.TryParse(trigger.JobDataMap.GetString(ChangedAtKey), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null));
        }

        return views;
    }

    private async Task ScheduleAsync(IScheduler scheduler, ScheduleSetting setting, ScheduleSetting seeded, string actor, CancellationToken cancellationToken)
    {
        SchedulePeriods.TryFindZone(setting.TimeZone, out var zone);
        var job = JobBuilder.Create<StartScheduledWorkflowJob>()
            .WithIdentity(JobKeyFor(setting.DefinitionId!))
            .WithDescription($"Starts '{setting.DefinitionId}'")
            .StoreDurably()
            .RequestRecovery()
            .Build();

        // Fire-and-proceed: after downtime the missed firing runs once; its period is the missed one (SchedulePeriods).
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKeyFor(setting.DefinitionId!))
            .ForJob(job.Key)
            .WithCronSchedule(setting.Cron!, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .UsingJobData(StartScheduledWorkflowJob.DefinitionIdKey, setting.DefinitionId!)
            .UsingJobData(StartScheduledWorkflowJob.FirstBusinessDayKey, Flag(setting.FirstBusinessDayOfMonth))
            .UsingJobData(SeededCronKey, seeded.Cron ?? "")
            .UsingJobData(SeededTimeZoneKey, seeded.TimeZone ?? "")
            .UsingJobData(SeededBusinessDayKey, Flag(seeded.FirstBusinessDayOfMonth))
            .UsingJobData(ChangedByKey, actor)
            .UsingJobData(ChangedAtKey, time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    private static string Flag(bool value) => value ? "true" : "false";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex DefinitionIdPattern();
}

public sealed record ScheduleFiringView(string CorrelationId, DateTimeOffset ScheduledFor, DateTimeOffset FiredAt, string Status, string? InstanceId, string? Error);

public sealed record ScheduleView(
    string DefinitionId,
    string Cron,
    string TimeZone,
    bool FirstBusinessDayOfMonth,
    string State,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? PreviousFireTime,
    ScheduleFiringView? LastFiring,
    bool DefinitionPublished,
    string? Error,
    string? ChangedBy,
    DateTimeOffset? ChangedAt);
