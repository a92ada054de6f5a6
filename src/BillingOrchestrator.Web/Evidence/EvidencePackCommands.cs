using BillingOrchestrator.Evidence;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Packs;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>
/// Imports a ZIP of evidence files into an instance (and step), each file tagged with the controls given, all or
/// nothing (<see cref="EvidencePackImporter"/> says what is refused).
/// </summary>
public sealed record ImportEvidencePack(
    string InstanceId,
    string? ActivityId,
    IReadOnlyList<string> Controls,
    [property: System.Text.Json.Serialization.JsonIgnore] IFormFile? File,
    WorkflowActor Actor) : ICommand<EvidencePackResult>, IAuditedCommand
{
    public string AuditAction => "evidence.import-pack";

    public string? AuditSubject => $"instance:{InstanceId}";

    /// <summary>The pack's name, for the audit entry.</summary>
    public string? PackName => File is null ? null : EvidenceFileName.Sanitize(File.FileName);

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        foreach (var problem in EvidenceControls.Problems(Controls))
        {
            yield return problem;
        }

        if (File is null)
        {
            yield return ("file", "required: the evidence pack, a ZIP file (multipart field 'file')");
        }
    }
}

/// <summary>What an imported pack became: one evidence item per file, in the pack's order.</summary>
public sealed record EvidencePackResult(string InstanceId, string? PackName, IReadOnlyList<EvidenceItem> Items);

public sealed class ImportEvidencePackHandler(BillingDbContext db, IWorkflowInstanceStore instances, WorkflowDefinitionCache definitions, IEvidenceFileStore files, IOptions<EvidenceOptions> options, TimeProvider time)
    : ICommandHandler<ImportEvidencePack, EvidencePackResult>
{
    public async ValueTask<EvidencePackResult> Handle(ImportEvidencePack command, CancellationToken cancellationToken)
    {
        var target = await EvidenceTarget.ResolveAsync(instances, definitions, command.InstanceId, command.ActivityId, cancellationToken);
        IReadOnlyList<EvidencePackEntry> entries;
        await using (var stream = command.File!.OpenReadStream())
        {
            try
            {
                entries = await EvidencePackImporter.ImportAsync(stream, files, options.Value.MaxFileBytes, options.Value.Pack, cancellationToken);
            }
            catch (EvidencePackRejectedException rejected)
            {
                throw new WorkflowValidationException("file", $"evidence pack refused, nothing was imported: {rejected.Message}");
            }
        }

        var now = time.GetUtcNow();
        var items = entries.Select(entry => target.Item(EvidenceKind.File, entry.File.OriginalName, entry.File, command.Controls, command.Actor, now)).ToList();
        db.AddRange(items);
        await db.SaveChangesAsync(cancellationToken);
        return new EvidencePackResult(target.InstanceId, command.PackName, items);
    }
}
