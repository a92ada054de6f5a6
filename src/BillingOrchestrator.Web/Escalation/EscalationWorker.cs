using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>Seeds the escalation paths from configuration on first start, then scans for overdue items every <c>Escalation:ScanInterval</c>.</summary>
public sealed partial class EscalationWorker(IServiceScopeFactory scopes, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EscalationPaths>().SeedAsync(options.Value.Paths, stoppingToken);
        }

        if (!options.Value.RunScanner)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ScanInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EscalationScanner>().ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScanFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation scan failed; retrying on the next tick")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
