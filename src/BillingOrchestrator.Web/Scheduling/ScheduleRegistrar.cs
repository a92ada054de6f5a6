using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>
/// At start-up (after Quartz has started and created its tables) puts every configured schedule into the job store.
/// An invalid entry is reported (GET /api/schedules, the log) and skipped; it never stops the host.
/// </summary>
public sealed partial class ScheduleRegistrar(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, ScheduleConfigurationReport report, ILogger<ScheduleRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedules = scope.ServiceProvider.GetRequiredService<WorkflowSchedules>();
        var errors = new List<string>();
        for (var i = 0; i < options.Value.Schedules.Count; i++)
        {
            var setting = options.Value.Schedules[i];
            var problems = WorkflowSchedules.Check(setting.DefinitionId, setting.Cron, setting.TimeZone).ToList();
            if (problems.Count > 0)
            {
                var error = $"Scheduling:Schedules:{i} ({setting.DefinitionId}): {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}";
                errors.Add(error);
                LogInvalid(logger, error);
                continue;
            }

            if (await schedules.SeedAsync(setting, cancellationToken))
            {
                LogSeeded(logger, setting.DefinitionId!, setting.Cron!);
            }
        }

        report.Errors = errors;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Invalid schedule in configuration, skipped: {Error}")]
    private static partial void LogInvalid(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {DefinitionId} set from configuration: {Cron}")]
    private static partial void LogSeeded(ILogger logger, string definitionId, string cron);
}

/// <summary>The configured schedules that could not be used, and why.</summary>
public sealed class ScheduleConfigurationReport
{
    public IReadOnlyList<string> Errors { get; set; } = [];
}
