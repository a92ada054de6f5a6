using BillingOrchestrator.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Workflows;

internal sealed class EfWorkflowDefinitionStore(BillingDbContext db, TimeProvider time) : IWorkflowDefinitionStore
{
    private IQueryable<StoredDefinition> Definitions => db.Set<StoredDefinition>().AsNoTracking();

    public Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector version, CancellationToken cancellationToken)
    {
        var query = Definitions.Where(d => d.DefinitionId == definitionId);
        query = version.Kind switch
        {
            "latest" => query.Where(d => d.IsLatest),
            "published" => query.Where(d => d.IsPublished),
            "draft" => query.Where(d => d.IsLatest && !d.IsPublished),
            _ => query.Where(d => d.Version == version.Number),
        };
        return query.FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDefinition>> ListLatestAsync(CancellationToken cancellationToken) =>
        await Definitions.Where(d => d.IsLatest).OrderBy(d => d.DefinitionId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        await Definitions.Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);

    public async Task<StoredDefinition> SaveDraftAsync(WorkflowDefinition definition, string json, string contentHash, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var set = db.Set<StoredDefinition>();
        var latest = await set.FirstOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.IsLatest, cancellationToken);
        StoredDefinition draft;
        if (latest is { PublishedAt: null })
        {
            draft = latest;
            draft.Json = DefinitionContent.WithVersion(json, draft.Version);
            draft.ContentHash = contentHash;
            draft.Name = definition.Name;
            draft.Description = definition.Description;
        }
        else
        {
            if (latest is not null)
            {
                latest.IsLatest = false;
            }

            draft = NewVersion(definition, json, contentHash, (latest?.Version ?? 0) + 1, "api", actor);
            set.Add(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return draft;
    }

    public async Task<StoredDefinition> PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var versions = await db.Set<StoredDefinition>().Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var target = versions.SingleOrDefault(d => d.Version == version)
            ?? throw new KeyNotFoundException($"Definition '{definitionId}' has no version {version}.");
        foreach (var other in versions.Where(d => d.IsPublished && d != target))
        {
            other.IsPublished = false;
        }

        target.IsPublished = true;
        target.PublishedAt ??= time.GetUtcNow();
        target.PublishedBy ??= actor;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return target;
    }

    public async Task<StoredDefinition> AddPublishedAsync(WorkflowDefinition definition, string json, string contentHash, string source, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var versions = await db.Set<StoredDefinition>().Where(d => d.DefinitionId == definition.DefinitionId).ToListAsync(cancellationToken);
        foreach (var other in versions)
        {
            other.IsLatest = false;
            other.IsPublished = false;
        }

        var added = NewVersion(definition, json, contentHash, versions.Select(v => v.Version).DefaultIfEmpty().Max() + 1, source, "file");
        added.IsPublished = true;
        added.PublishedAt = added.CreatedAt;
        added.PublishedBy = "file";
        db.Set<StoredDefinition>().Add(added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    private StoredDefinition NewVersion(WorkflowDefinition definition, string json, string contentHash, int version, string source, string actor) => new()
    {
        Id = $"{definition.DefinitionId}:v{version}",
        DefinitionId = definition.DefinitionId,
        Version = version,
        Name = definition.Name,
        Description = definition.Description,
        IsLatest = true,
        Json = DefinitionContent.WithVersion(json, version),
        ContentHash = contentHash,
        Source = source,
        CreatedAt = time.GetUtcNow(),
        CreatedBy = actor,
    };
}
