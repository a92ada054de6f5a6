using System.Security.Cryptography;
using System.Text;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>
/// Captures what the product itself produced (a validation run, a catalog report, a dashboard snapshot, an accounting
/// export) as evidence of the step that produced it, with a link to its source. The item id comes from a caller key, so
/// an action replayed after a crash finds the item it already stored instead of adding a second one. An artefact a
/// person asked for is recorded as theirs, so it cannot stand in for someone else's evidence at a gate they approve.
/// </summary>
public sealed class SystemArtefacts(BillingDbContext db, IWorkflowInstanceStore instances, WorkflowDefinitionCache definitions, IEvidenceFileStore files, TimeProvider time)
{
    public Task<EvidenceItem> CaptureAsync(string key, string instanceId, string? activityId, string fileName, byte[] content, string contentType, string? sourceUrl, IReadOnlyList<string> controls, CancellationToken cancellationToken) =>
        CaptureAsync(key, instanceId, activityId, fileName, content, contentType, sourceUrl, controls, "system", cancellationToken);

    public async Task<EvidenceItem> CaptureAsync(string key, string instanceId, string? activityId, string fileName, byte[] content, string contentType, string? sourceUrl, IReadOnlyList<string> controls, string createdBy, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("artefact:" + key)))[..32];
        if (await db.Set<EvidenceItem>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } existing)
        {
            return existing;
        }

        var instance = await instances.FindAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        if (activityId is not null && definition.FindActivity(activityId) is null)
        {
            throw new WorkflowValidationException("activityId", $"'{activityId}' is not an activity of {definition.DefinitionId} v{definition.Version}");
        }

        var (step, gate) = PlaybookSteps.TagsFor(definition, activityId);
        using var stream = new MemoryStream(content);
        var stored = await files.SaveAsync(stream, fileName, contentType, content.Length + 1, cancellationToken);
        var item = new EvidenceItem
        {
            Id = id,
            InstanceId = instanceId,
            ActivityId = activityId,
            Step = step,
            GateId = gate,
            Kind = EvidenceKind.Artefact,
            Name = fileName,
            Sha256 = stored.Sha256,
            ContentType = stored.ContentType,
            Length = stored.Length,
            Url = sourceUrl,
            Controls = controls,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }
}
