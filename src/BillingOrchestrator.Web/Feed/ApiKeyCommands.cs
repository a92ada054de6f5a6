using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Feed;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Feed;

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyView(string Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt) : IAuditSubject
{
    public string AuditSubject => $"api-key:{Id}";

    internal static ApiKeyView From(ApiKeyRow row) => new(row.Id, row.Name, row.CreatedAt, row.CreatedBy, row.RevokedAt, row.RevokedBy, row.LastUsedAt);
}

/// <summary>The one response that carries the key: it is shown once and stored only as a hash.</summary>
public sealed record IssuedApiKey(ApiKeyView ApiKey, string Key, string Header) : IAuditSubject
{
    public string AuditSubject => ApiKey.AuditSubject;
}

/// <summary>Issues a read-only key for the feed and exports (Power BI's Web API key).</summary>
public sealed record IssueApiKey(string? Name, WorkflowActor Actor) : ICommand<IssuedApiKey>, IAuditedCommand
{
    public string AuditAction => "api-keys.issue";

    public string? AuditSubject => null;

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            yield return ("name", "required: what the key is for (e.g. Power BI finance workspace), at most 200 characters");
        }
    }
}

public sealed class IssueApiKeyHandler(BillingDbContext db, TimeProvider time) : ICommandHandler<IssueApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(IssueApiKey command, CancellationToken cancellationToken)
    {
        var (id, key, hash) = ApiKeyAuthentication.Create();
        var row = new ApiKeyRow { Id = id, Name = command.Name!.Trim(), SecretHash = hash, CreatedAt = time.GetUtcNow(), CreatedBy = command.Actor.Name };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(ApiKeyView.From(row), key, ApiKeyAuthentication.Header);
    }
}

public sealed record RevokeApiKey(string Id, WorkflowActor Actor) : ICommand<ApiKeyView>, IAuditedCommand
{
    public string AuditAction => "api-keys.revoke";

    public string? AuditSubject => $"api-key:{Id}";
}

public sealed class RevokeApiKeyHandler(BillingDbContext db, TimeProvider time) : ICommandHandler<RevokeApiKey, ApiKeyView>
{
    public async ValueTask<ApiKeyView> Handle(RevokeApiKey command, CancellationToken cancellationToken)
    {
        var row = await db.Set<ApiKeyRow>().FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw new WorkflowNotFoundException($"API key {command.Id} does not exist.");
        if (row.RevokedAt is null)
        {
            row.RevokedAt = time.GetUtcNow();
            row.RevokedBy = command.Actor.Name;
            await db.SaveChangesAsync(cancellationToken);
        }

        return ApiKeyView.From(row);
    }
}
