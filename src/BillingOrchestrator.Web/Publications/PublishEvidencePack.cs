using BillingOrchestrator.Integrations.Documentation;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Documentation;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Publications;

/// <summary>
/// Publishes an instance's evidence pack to the documentation platform. The publication is recorded before the first
/// attempt and after every attempt (count, last error), so a failure is visible in <c>GET /api/publications</c>; a
/// failed publication is a result, not an error, and never touches the workflow instance.
/// </summary>
public sealed record PublishEvidencePack(string InstanceId, WorkflowActor Actor) : ICommand<PublicationView>, IAuditedCommand
{
    public string AuditAction => "publications.publish";

    public string? AuditSubject => $"instance:{InstanceId}";
}

public sealed class PublishEvidencePackHandler(BillingDbContext db, EvidencePackBuilder packs, EvidencePackPublisher publisher, IOptions<DocumentationOptions> options, TimeProvider time)
    : ICommandHandler<PublishEvidencePack, PublicationView>
{
    public async ValueTask<PublicationView> Handle(PublishEvidencePack command, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var pack = await packs.BuildAsync(id, command.InstanceId, cancellationToken);
        var now = Now();
        var row = new PublicationRow
        {
            Id = id,
            InstanceId = command.InstanceId,
            TargetKind = options.Value.IsRest ? DocumentationOptions.RestTarget : DocumentationOptions.FolderTarget,
            Target = publisher.Target,
            Files = [.. pack.Files.Select(f => new PublishedFile(f.Path, f.Sha256, f.Content.Length))],
            Status = PublicationStatuses.Publishing,
            RequestedBy = command.Actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);

        await publisher.PublishAsync(pack, async attempt =>
        {
            row.Attempts = attempt.Attempt;
            row.LastError = attempt.Error ?? row.LastError;
            row.Status = attempt.Succeeded ? PublicationStatuses.Published : attempt.WillRetry ? PublicationStatuses.Publishing : PublicationStatuses.Failed;
            row.UpdatedAt = Now();
            if (attempt.Succeeded)
            {
                row.PublishedAt = row.UpdatedAt;
                row.Location = attempt.Location;
            }

            // Recorded even if the caller goes away mid-retry: the record must say how far it got.
            await db.SaveChangesAsync(CancellationToken.None);
        }, cancellationToken);
        return PublicationView.From(row);
    }

    // Whole milliseconds, as the database keeps them, so the answer equals the record read back.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}

/// <summary>A publication as the API shows it.</summary>
public sealed record PublicationView(
    string Id,
    string InstanceId,
    string TargetKind,
    string Target,
    string? Location,
    IReadOnlyList<PublishedFile> Files,
    string Status,
    int Attempts,
    string? LastError,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt)
{
    public static PublicationView From(PublicationRow r) =>
        new(r.Id, r.InstanceId, r.TargetKind, r.Target, r.Location, r.Files, r.Status, r.Attempts, r.LastError, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.PublishedAt);
}
