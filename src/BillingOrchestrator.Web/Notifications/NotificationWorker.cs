using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Background delivery: turns new outbox effects into notifications, then sends what is due. It never touches a
/// workflow: a mail server or webhook that is down only delays messages.
/// </summary>
public sealed partial class NotificationWorker(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                int done;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    done = await scope.ServiceProvider.GetRequiredService<EffectNotifications>().DispatchAsync(100, stoppingToken);
                    done += await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().DeliverDueAsync(20, stoppingToken);
                }
                while (done > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification pass failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
