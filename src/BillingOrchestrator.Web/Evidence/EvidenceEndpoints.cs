using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using BillingOrchestrator.Evidence;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Evidence;

public static class EvidenceEndpoints
{
    public sealed record NoteRequest(string? Kind, string? Name, string? Note, string? Url, string? ActivityId, IReadOnlyList<string>? Controls);

    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxFileBytes;
        var instances = app.MapGroup("/api/workflow-instances/{id}").WithTags("Evidence").RequireAuthorization(Policies.AnyRole);

        // No form-field antiforgery here: a cookie-signed-in browser's upload must carry the X-CSRF-TOKEN header
        // (RequestForgeryProtection, for every change under /api), bearer-token and API-key uploads need none.
        instances.MapPost("/evidence", async (string id, [FromForm] string? activityId, [FromForm] string? controls, IFormFile? file, HttpContext http, IMediator mediator, CancellationToken ct) =>
            Results.Created($"/api/workflow-instances/{id}/evidence", await mediator.Send(new AttachEvidence(id, activityId, EvidenceKind.File, null, null, null, SplitControls(controls), file, http.User.ToActor()), ct)))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + (64 * 1024)))
            .WithFormOptions(multipartBodyLengthLimit: maxBytes + (64 * 1024))
            .RequireAuthorization(Policies.Owner);

        // A ZIP of evidence files, all or nothing; its limits (entries, bytes decompressed, ratio) are in Evidence:Pack.
        var maxPackBytes = app.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.Pack.MaxPackBytes;
        instances.MapPost("/evidence-pack", async (string id, [FromForm] string? activityId, [FromForm] string? controls, IFormFile? file, HttpContext http, IMediator mediator, CancellationToken ct) =>
            Results.Created($"/api/workflow-instances/{id}/evidence", await mediator.Send(new ImportEvidencePack(id, activityId, SplitControls(controls), file, http.User.ToActor()), ct)))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxPackBytes + (64 * 1024)))
            .WithFormOptions(multipartBodyLengthLimit: maxPackBytes + (64 * 1024))
            .RequireAuthorization(Policies.Owner);

        instances.MapPost("/evidence/notes", async (string id, NoteRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var kind = string.Equals(request.Kind, "link", StringComparison.OrdinalIgnoreCase) ? EvidenceKind.Link : EvidenceKind.Note;
            return Results.Created($"/api/workflow-instances/{id}/evidence", await mediator.Send(new AttachEvidence(id, request.ActivityId, kind, request.Name, request.Note, request.Url, request.Controls ?? [], null, http.User.ToActor()), ct));
        })
        .RequireAuthorization(Policies.Owner);

        instances.MapGet("/evidence", async (string id, EvidenceQueries evidence, CancellationToken ct) => await evidence.ForInstanceAsync(id, ct));
        instances.MapGet("/briefs", async (string id, EvidenceQueries evidence, CancellationToken ct) => await evidence.BriefsAsync(id, ct));

        instances.MapPost("/briefs", async (string id, IUserTaskStore tasks, GateBriefs briefs, CancellationToken ct) =>
        {
            var approved = (await tasks.ListAsync(new TaskFilter(Status: Workflows.Tasks.UserTaskStatus.Completed, InstanceId: id, PageSize: 200), ct)).Items.Where(GateBriefs.IsApprovedGate).ToList();
            var records = new List<EvidenceBriefRecord>();
            foreach (var gate in approved)
            {
                records.Add(await briefs.GenerateAsync(gate, ct));
            }

            return records;
        })
        .RequireAuthorization(Policies.Owner);

        instances.MapGet("/audit-pack", async (string id, IWorkflowInstanceStore store, EvidenceQueries evidence, IEvidenceFileStore files, IAuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (await store.FindAsync(id, ct) is null)
            {
                return Problems.NotFound($"Instance {id} does not exist.");
            }

            var zip = await AuditPack.BuildAsync(id, await evidence.BriefsAsync(id, ct), await evidence.ForInstanceAsync(id, ct), files, await audit.HeadAsync(ct), ct);
            return Results.File(zip, "application/zip", $"audit-pack-{id}.zip");
        });

        var content = app.MapGroup("/api").WithTags("Evidence").RequireAuthorization(Policies.AnyRole);
        content.MapGet("/evidence/{evidenceId}/content", async (string evidenceId, EvidenceQueries evidence, IEvidenceFileStore files, CancellationToken ct) =>
            await evidence.FindAsync(evidenceId, ct) is { Sha256: { } sha } item && await OpenVerifiedAsync(files, sha, item.Name, ct) is { } stream
                ? Download(stream, item.ContentType ?? "application/octet-stream", item.Name)
                : Problems.NotFound($"Evidence {evidenceId} has no stored file."));

        content.MapGet("/briefs/{briefId}", async (string briefId, EvidenceQueries evidence, IEvidenceFileStore files, CancellationToken ct) =>
            await evidence.FindBriefAsync(briefId, ct) is { } brief && await OpenVerifiedAsync(files, brief.Sha256, $"brief-{brief.InstanceId}-{brief.ActivityId}.pdf", ct) is { } stream
                ? Download(stream, "application/pdf", $"brief-{brief.InstanceId}-{brief.ActivityId}.pdf")
                : Problems.NotFound($"Brief {briefId} does not exist."));

        return app;
    }

    /// <summary>
    /// Checks the stored file's hash before anything is sent: an altered file is refused with 409 naming it and both
    /// hashes, instead of a 200 whose body breaks off when the streaming check fails at the end.
    /// </summary>
    private static async Task<Stream?> OpenVerifiedAsync(IEvidenceFileStore files, string sha256, string name, CancellationToken cancellationToken)
    {
        var check = await files.VerifyAsync(sha256, cancellationToken);
        return check.Status switch
        {
            EvidenceFileStatus.Missing => null,
            EvidenceFileStatus.Altered => throw new EvidenceIntegrityException(check.Sha256, check.ActualSha256!, name),
            _ => await files.OpenReadAsync(sha256, cancellationToken),
        };
    }

    // Always an attachment with nosniff: evidence is never rendered inline by the browser.
    private static IResult Download(Stream stream, string contentType, string name) =>
        Attachments.File(stream, contentType, name);

    private static IReadOnlyList<string> SplitControls(string? controls) =>
        string.IsNullOrWhiteSpace(controls) ? [] : controls.Split(['\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// The audit pack: every brief and evidence file of an instance in one ZIP, with a manifest of SHA-256 hashes and the
/// audit chain's head (entries, head hash, latest seal) when the pack was made.
/// </summary>
internal static class AuditPack
{
    public static async Task<byte[]> BuildAsync(string instanceId, IReadOnlyList<EvidenceBriefRecord> briefs, IReadOnlyList<EvidenceItem> items, IEvidenceFileStore files, AuditHead auditChain, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var manifest = new List<object>();
        var briefFiles = briefs.Select(b => b.Sha256).ToHashSet(StringComparer.Ordinal);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entries = briefs.Select(b => (Path: $"briefs/{b.ActivityId}-{b.Id}.pdf", b.Sha256, Kind: "brief", Name: b.Title))
                .Concat(items.Where(i => i.Sha256 is not null && !briefFiles.Contains(i.Sha256)).Select(i => (Path: $"evidence/{i.Id}-{EvidenceFileName.Sanitize(i.Name)}", i.Sha256!, Kind: i.Kind.ToString(), i.Name)));
            foreach (var (path, sha, kind, name) in entries)
            {
                await using var source = await files.OpenReadAsync(sha, cancellationToken) ?? throw new WorkflowConflictException($"Stored file {sha} is missing from the evidence store.");
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                await using (var target = entry.Open())
                {
                    try
                    {
                        await source.CopyToAsync(target, cancellationToken);
                    }
                    catch (EvidenceIntegrityException altered)
                    {
                        throw altered.Naming(path);
                    }
                }

                manifest.Add(new { path, sha256 = sha, kind, name });
            }

            var notes = items.Where(i => i.Sha256 is null).Select(i => new { i.Id, i.Kind, i.Name, i.Note, i.Url, i.Controls, i.CreatedBy, i.CreatedAt });
            var manifestEntry = zip.CreateEntry("manifest.json");
            await using var writer = manifestEntry.Open();
            await JsonSerializer.SerializeAsync(writer, new { instanceId, files = manifest, notesAndLinks = notes, auditChain }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }, cancellationToken);
        }

        return buffer.ToArray();
    }
}
