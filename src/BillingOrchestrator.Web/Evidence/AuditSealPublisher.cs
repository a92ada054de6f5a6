using System.Globalization;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>
/// Publishes a seal of the audit chain where a truncation of the chain cannot reach it: the seal file next to the key
/// (<see cref="IAuditLog.SealAsync"/>), a log line, and an evidence item under the pseudo-instance
/// <see cref="EvidenceInstanceId"/> (listed at <c>/api/workflow-instances/audit-chain/evidence</c>).
/// </summary>
public sealed partial class AuditSealPublisher(IAuditLog audit, BillingDbContext db, TimeProvider time, ILogger<AuditSealPublisher> logger)
{
    /// <summary>The instance id seal evidence items are filed under; no workflow instance has it.</summary>
    public const string EvidenceInstanceId = "audit-chain";

    public async Task<AuditSeal> PublishAsync(CancellationToken cancellationToken)
    {
        var seal = await audit.SealAsync(cancellationToken);
        Sealed(logger, seal.Number, seal.Entries, seal.Head, seal.KeyId);
        db.Add(new EvidenceItem
        {
            Id = $"audit-seal-{seal.Number.ToString(CultureInfo.InvariantCulture)}-{Guid.CreateVersion7():N}"[..32],
            InstanceId = EvidenceInstanceId,
            Kind = EvidenceKind.Note,
            Name = $"Audit chain seal #{seal.Number.ToString(CultureInfo.InvariantCulture)}",
            Note = $"{seal}; key {seal.KeyId}. Check with GET /api/audit/verify, or offline: billing-orchestrator audit-verify --data-dir DIR --entries {seal.Entries.ToString(CultureInfo.InvariantCulture)} --head {seal.Head}",
            Url = "/api/audit/verify",
            Controls = [],
            CreatedBy = "system",
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return seal;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Audit chain sealed: seal #{Number}, {Entries} entries, head {Head}, key {KeyId}")]
    private static partial void Sealed(ILogger logger, int number, long entries, string head, string? keyId);
}

/// <summary>Seals the audit chain at start-up and every <c>Audit:SealInterval</c> (default one hour; zero turns the schedule off).</summary>
public sealed class AuditSealSchedule(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AuditSealSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>("Audit:SealInterval") ?? TimeSpan.FromHours(1);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditSealPublisher>().PublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sealing the audit chain failed; trying again in {Interval}", interval);
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }
}
