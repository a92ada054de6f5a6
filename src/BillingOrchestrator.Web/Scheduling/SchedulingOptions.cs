namespace BillingOrchestrator.Web.Scheduling;

/// <summary>The <c>Scheduling</c> configuration section: persistent schedules that start workflow instances.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run Quartz on this host. Off in tools.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every host of one cluster must use the same name: it is the key of the cluster's rows in the Quartz tables.</summary>
    public string SchedulerName { get; set; } = "billing-orchestrator";

    /// <summary>Seeded into the job store; a schedule changed through the API keeps its change until its entry here changes.</summary>
    public List<ScheduleSetting> Schedules { get; set; } = [];

    /// <summary>Dates (yyyy-MM-dd) that are not business days, for <see cref="ScheduleSetting.FirstBusinessDayOfMonth"/>.</summary>
    public List<DateOnly> Holidays { get; set; } = [];
}

/// <summary>
/// A definition started by a Quartz cron expression (seconds first: <c>0 0 7 ? * MON</c>) in a time zone (IANA id;
/// empty means the host's local zone). With <see cref="FirstBusinessDayOfMonth"/> the cron should fire on weekdays and
/// the firing on the month's first business day (Monday to Friday, not a holiday) starts the month's instance; a later
/// weekday firing starts it only if that one never ran (the host was down).
/// </summary>
public sealed class ScheduleSetting
{
    public string? DefinitionId { get; set; }

    public string? Cron { get; set; }

    public string? TimeZone { get; set; }

    public bool FirstBusinessDayOfMonth { get; set; }
}
