using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Scheduling;

/// <summary>Changes the cron expression, time zone or first-business-day rule of a definition's schedule (or creates it).</summary>
public sealed record ChangeSchedule(string DefinitionId, string? Cron, string? TimeZone, bool? FirstBusinessDayOfMonth, WorkflowActor Actor)
    : ICommand<ScheduleView>, IAuditedCommand
{
    public string AuditAction => "schedules.change";

    public string? AuditSubject => $"schedule:{DefinitionId}";

    public IEnumerable<(string Field, string Reason)> Validate() => WorkflowSchedules.Check(DefinitionId, Cron, TimeZone);
}

public sealed class ChangeScheduleHandler(WorkflowSchedules schedules) : ICommandHandler<ChangeSchedule, ScheduleView>
{
    public async ValueTask<ScheduleView> Handle(ChangeSchedule command, CancellationToken cancellationToken) =>
        await schedules.ChangeAsync(
            new ScheduleSetting { DefinitionId = command.DefinitionId, Cron = command.Cron!.Trim(), TimeZone = command.TimeZone?.Trim() ?? "", FirstBusinessDayOfMonth = command.FirstBusinessDayOfMonth ?? false },
            command.Actor.Name,
            cancellationToken);
}
