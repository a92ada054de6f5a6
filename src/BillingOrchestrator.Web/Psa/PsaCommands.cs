using System.Text.Json;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Psa;

/// <summary>Pulls what changed in ConnectWise PSA since the last sync (or everything, with <c>Full</c>).</summary>
public sealed record SyncPsa(SyncMode Mode, WorkflowActor Actor) : ICommand<SyncReport>, IAuditedCommand
{
    public string AuditAction => "psa.sync";

    public string? AuditSubject => "connectwise";
}

public sealed class SyncPsaHandler(IServiceProvider services, IOptions<ConnectWiseOptions> options, PsaSyncLog log) : ICommandHandler<SyncPsa, SyncReport>
{
    public async ValueTask<SyncReport> Handle(SyncPsa command, CancellationToken cancellationToken)
    {
        if (options.Value.Validate() is { Count: > 0 } missing)
        {
            throw new WorkflowConflictException($"ConnectWise is not configured: {string.Join("; ", missing)}. Set the ConnectWise section (keys through environment variables) or import an export folder instead.");
        }

        var report = await services.GetRequiredService<ConnectWiseSync>().RunAsync(command.Mode, cancellationToken);
        await log.RecordAsync("connectwise-sync", report.StartedAt, report.FinishedAt, report.Succeeded, command.Actor.Name, report, cancellationToken);
        return report;
    }
}

/// <summary>Replaces all PSA data with an export folder placed under <c>{DataDirectory}/imports/{folder}</c>; all or nothing.</summary>
public sealed record ImportPsaFolder(string? Folder, WorkflowActor Actor) : ICommand<ConnectWiseImportSummary>, IAuditedCommand
{
    public string AuditAction => "psa.import";

    public string? AuditSubject => Folder is null ? null : $"imports/{Folder}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Folder) || Folder.IndexOfAny(['/', '\\']) >= 0 || Folder.Contains("..", StringComparison.Ordinal) || Folder.Length > 100)
        {
            yield return ("folder", "required: the name of a folder directly under the data directory's imports folder (no paths)");
        }
    }
}

public sealed class ImportPsaFolderHandler(ConnectWiseImport importer, IConfiguration configuration, PsaSyncLog log, TimeProvider time) : ICommandHandler<ImportPsaFolder, ConnectWiseImportSummary>
{
    public async ValueTask<ConnectWiseImportSummary> Handle(ImportPsaFolder command, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Persistence.DependencyInjection.DataDirectory(configuration), "imports", command.Folder!);
        if (!Directory.Exists(folder))
        {
            throw new WorkflowValidationException("folder", $"no folder '{command.Folder}' under the data directory's imports folder");
        }

        var started = time.GetUtcNow();
        var result = await importer.ImportFolderAsync(folder, cancellationToken);
        await log.RecordAsync("export-import", started, time.GetUtcNow(), result.Value is not null, command.Actor.Name, result, cancellationToken);
        return result.Value ?? throw new WorkflowValidationException(result.Problems.Select(p => ($"{p.File}:{p.Row}:{p.Field}", p.Reason)).ToList());
    }
}

/// <summary>The record of every sync and import.</summary>
public sealed class PsaSyncLog(BillingDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task RecordAsync<T>(string kind, DateTimeOffset started, DateTimeOffset finished, bool succeeded, string actor, T report, CancellationToken cancellationToken)
    {
        db.Add(new PsaSyncRow
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Kind = kind,
            StartedAt = started,
            FinishedAt = finished,
            Succeeded = succeeded,
            StartedBy = actor,
            ReportJson = JsonSerializer.Serialize(report, Json),
        });
        await db.SaveChangesAsync(cancellationToken);
        Observability.ProductTelemetry.PsaSync(kind, succeeded);
    }
}
